/* gloss-compare-annotate-popover.h: highlight a shared passage in every article at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-history.h"
#include "gloss-compare.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_COMPARE_ANNOTATE_POPOVER (gloss_compare_annotate_popover_get_type ())

G_DECLARE_FINAL_TYPE (GlossCompareAnnotatePopover, gloss_compare_annotate_popover, GLOSS, COMPARE_ANNOTATE_POPOVER, GtkPopover)

GtkWidget     *gloss_compare_annotate_popover_new       (void);
void           gloss_compare_annotate_popover_setup     (GlossCompareAnnotatePopover *self,
                                                         GListModel                  *views,
                                                         GlossComparison             *comparison,
                                                         guint                        passage,
                                                         GlossAnnotationHistory      *history);
guint          gloss_compare_annotate_popover_apply     (GlossCompareAnnotatePopover *self);
void           gloss_compare_annotate_popover_set_color (GlossCompareAnnotatePopover *self,
                                                         const char                  *color);
GtkEditable   *gloss_compare_annotate_popover_get_tags  (GlossCompareAnnotatePopover *self);
GtkTextBuffer *gloss_compare_annotate_popover_get_note  (GlossCompareAnnotatePopover *self);

guint          gloss_compare_annotate_passage           (GListModel                  *views,
                                                         GlossComparison             *comparison,
                                                         guint                        passage,
                                                         const char                  *color,
                                                         const char * const          *tags,
                                                         const char                  *note,
                                                         GlossAnnotationHistory      *history);
void           gloss_compare_annotate_add_menu_item     (GtkTextView                 *text_view);

G_END_DECLS
