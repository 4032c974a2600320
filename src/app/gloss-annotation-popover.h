/* gloss-annotation-popover.h: edit one highlight: colour, tags, note, passage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-history.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_POPOVER (gloss_annotation_popover_get_type ())

G_DECLARE_FINAL_TYPE (GlossAnnotationPopover, gloss_annotation_popover, GLOSS, ANNOTATION_POPOVER, GtkPopover)

GtkWidget       *gloss_annotation_popover_new            (void);
void             gloss_annotation_popover_edit           (GlossAnnotationPopover *self,
                                                          GlossAnnotationSet     *set,
                                                          GlossAnnotation        *annotation,
                                                          GlossAnnotationHistory *history);
void             gloss_annotation_popover_choose         (GlossAnnotationPopover *self,
                                                          GlossAnnotationSet     *set,
                                                          GPtrArray              *annotations,
                                                          GlossAnnotationHistory *history);
void             gloss_annotation_popover_set_known_tags (GlossAnnotationPopover *self,
                                                          GListModel             *tags);
void             gloss_annotation_popover_focus_tags     (GlossAnnotationPopover *self);
void             gloss_annotation_popover_focus_note     (GlossAnnotationPopover *self);
GlossAnnotation *gloss_annotation_popover_get_annotation (GlossAnnotationPopover *self);
GtkEditable     *gloss_annotation_popover_get_tag_entry  (GlossAnnotationPopover *self);
GtkTextBuffer   *gloss_annotation_popover_get_note       (GlossAnnotationPopover *self);

G_END_DECLS
