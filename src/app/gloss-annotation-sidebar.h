/* gloss-annotation-sidebar.h: the annotations of the open articles, filtered and grouped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-history.h"
#include "gloss-article-view.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_SIDEBAR (gloss_annotation_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (GlossAnnotationSidebar, gloss_annotation_sidebar, GLOSS, ANNOTATION_SIDEBAR, GtkWidget)

GtkWidget       *gloss_annotation_sidebar_new                (void);
void             gloss_annotation_sidebar_set_views          (GlossAnnotationSidebar *self,
                                                              GListModel             *views);
void             gloss_annotation_sidebar_set_history        (GlossAnnotationSidebar *self,
                                                              GlossAnnotationHistory *history);
void             gloss_annotation_sidebar_focus_search       (GlossAnnotationSidebar *self);

/* What the list shows, for tests and for the window's status. */
const char      *gloss_annotation_sidebar_get_status         (GlossAnnotationSidebar *self);
guint            gloss_annotation_sidebar_get_n_rows         (GlossAnnotationSidebar *self);
GlossAnnotation *gloss_annotation_sidebar_get_row_annotation (GlossAnnotationSidebar *self,
                                                              guint                   position);
const char      *gloss_annotation_sidebar_get_row_header     (GlossAnnotationSidebar *self,
                                                              guint                   position);
GtkEditable     *gloss_annotation_sidebar_get_search_entry   (GlossAnnotationSidebar *self);

G_END_DECLS
