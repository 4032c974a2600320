/* gloss-window-private.h: what the UI tests look at inside the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-article-view.h"
#include "gloss-columns.h"
#include "gloss-compare.h"
#include "gloss-window.h"

G_BEGIN_DECLS

GlossColumns     *gloss_window_get_columns        (GlossWindow  *self);
GlossArticleView *gloss_window_get_current_view   (GlossWindow  *self);
double            gloss_window_get_zoom           (GlossWindow  *self);
GtkEditable      *gloss_window_get_search_entry   (GlossWindow  *self);
const char       *gloss_window_get_search_status  (GlossWindow  *self);
gboolean          gloss_window_get_busy           (GlossWindow  *self);
GListModel       *gloss_window_get_views          (GlossWindow  *self);
GlossAnnotationHistory *gloss_window_get_history  (GlossWindow  *self);
GListModel       *gloss_window_get_known_tags     (GlossWindow  *self);
GlossComparison  *gloss_window_get_comparison     (GlossWindow  *self);

G_END_DECLS
