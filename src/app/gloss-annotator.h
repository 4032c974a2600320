/* gloss-annotator.h: highlighting, tagging and noting in one article's text view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-history.h"
#include "gloss-article.h"

G_BEGIN_DECLS

/* How long after an edit the sidecar is written. */
#define GLOSS_ANNOTATOR_SAVE_DELAY_MS 1000

#define GLOSS_TYPE_ANNOTATOR (gloss_annotator_get_type ())

G_DECLARE_FINAL_TYPE (GlossAnnotator, gloss_annotator, GLOSS, ANNOTATOR, GObject)

GlossAnnotator     *gloss_annotator_new               (GtkTextView            *text_view,
                                                       GlossArticle           *article,
                                                       GlossAnnotationSet     *set);
GlossAnnotationSet *gloss_annotator_get_set           (GlossAnnotator         *self);
char               *gloss_annotator_describe_fallback (GlossAnnotationSet     *set);
void                gloss_annotator_set_history       (GlossAnnotator         *self,
                                                       GlossAnnotationHistory *history);
void                gloss_annotator_set_known_tags    (GlossAnnotator         *self,
                                                       GListModel             *tags);
void                gloss_annotator_set_dark          (GlossAnnotator         *self,
                                                       gboolean                dark);
void                gloss_annotator_paint             (GlossAnnotator         *self);
gboolean            gloss_annotator_get_selection     (GlossAnnotator         *self,
                                                       guint                  *start,
                                                       guint                  *end);
GlossAnnotation    *gloss_annotator_highlight         (GlossAnnotator         *self,
                                                       const char             *color);
void                gloss_annotator_edit_tags         (GlossAnnotator         *self);
void                gloss_annotator_edit_note         (GlossAnnotator         *self);
void                gloss_annotator_edit_at_cursor    (GlossAnnotator         *self);
void                gloss_annotator_edit              (GlossAnnotator         *self,
                                                       GlossAnnotation        *annotation);
void                gloss_annotator_reveal            (GlossAnnotator         *self,
                                                       GlossAnnotation        *annotation);
GlossAnnotation    *gloss_annotator_step              (GlossAnnotator         *self,
                                                       int                     direction);
gboolean            gloss_annotator_save              (GlossAnnotator         *self);
const char         *gloss_annotator_get_problem       (GlossAnnotator         *self);
GtkWidget          *gloss_annotator_get_popover       (GlossAnnotator         *self);

G_END_DECLS
