/* gloss-find-bar.h: find in the current article or in all of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-article-view.h"
#include "gloss-columns.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_FIND_BAR (gloss_find_bar_get_type ())

G_DECLARE_FINAL_TYPE (GlossFindBar, gloss_find_bar, GLOSS, FIND_BAR, GtkWidget)

void          gloss_find_bar_set_columns  (GlossFindBar      *self,
                                           GlossColumns      *columns);
void          gloss_find_bar_set_current  (GlossFindBar      *self,
                                           GlossArticleView  *view);
void          gloss_find_bar_search       (GlossFindBar      *self);
void          gloss_find_bar_step         (GlossFindBar      *self,
                                           int                delta);
void          gloss_find_bar_clear        (GlossFindBar      *self);
void          gloss_find_bar_focus        (GlossFindBar      *self);
guint         gloss_find_bar_get_n_matches (GlossFindBar     *self);
const char   *gloss_find_bar_get_status   (GlossFindBar      *self);
GtkEditable  *gloss_find_bar_get_entry    (GlossFindBar      *self);

G_END_DECLS
