/* gloss-annotation-history.h: undo and redo of annotation edits, across articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "gloss-annotation-set.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_HISTORY (gloss_annotation_history_get_type ())

G_DECLARE_FINAL_TYPE (GlossAnnotationHistory, gloss_annotation_history, GLOSS, ANNOTATION_HISTORY, GObject)

GlossAnnotationHistory *gloss_annotation_history_new            (void);

void                    gloss_annotation_history_begin          (GlossAnnotationHistory *self,
                                                                 const char             *label);
void                    gloss_annotation_history_track          (GlossAnnotationHistory *self,
                                                                 GlossAnnotationSet     *set,
                                                                 const char             *id);
void                    gloss_annotation_history_end            (GlossAnnotationHistory *self);

void                    gloss_annotation_history_add            (GlossAnnotationHistory *self,
                                                                 GlossAnnotationSet     *set,
                                                                 GlossAnnotation        *annotation,
                                                                 const char             *label);
void                    gloss_annotation_history_remove         (GlossAnnotationHistory *self,
                                                                 GlossAnnotationSet     *set,
                                                                 GlossAnnotation        *annotation,
                                                                 const char             *label);

gboolean                gloss_annotation_history_get_can_undo   (GlossAnnotationHistory *self);
gboolean                gloss_annotation_history_get_can_redo   (GlossAnnotationHistory *self);
const char             *gloss_annotation_history_get_undo_label (GlossAnnotationHistory *self);
const char             *gloss_annotation_history_get_redo_label (GlossAnnotationHistory *self);
gboolean                gloss_annotation_history_undo           (GlossAnnotationHistory *self);
gboolean                gloss_annotation_history_redo           (GlossAnnotationHistory *self);
void                    gloss_annotation_history_forget_set     (GlossAnnotationHistory *self,
                                                                 GlossAnnotationSet     *set);

G_END_DECLS
