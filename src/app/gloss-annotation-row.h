/* gloss-annotation-row.h: one row of the annotations sidebar, drawn in one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_ANNOTATION_ROW (gloss_annotation_row_get_type ())

G_DECLARE_FINAL_TYPE (GlossAnnotationRow, gloss_annotation_row, GLOSS, ANNOTATION_ROW, GtkWidget)

/* How tall a quote was when last drawn, kept by the caller with the annotation so that a
 * row bound to it again knows without laying the text out. */
typedef struct
{
  int width;   /* -1: not known */
  int height;
} GlossQuoteSize;

GtkWidget  *gloss_annotation_row_new          (void);
void        gloss_annotation_row_set_header   (GlossAnnotationRow *self,
                                               const char         *text);
void        gloss_annotation_row_set_content  (GlossAnnotationRow *self,
                                               const char         *color,
                                               const char         *quote,
                                               const char * const *tags,
                                               const char         *note,
                                               const char         *article);
void        gloss_annotation_row_set_state    (GlossAnnotationRow *self,
                                               const char         *text,
                                               const char         *tooltip,
                                               gboolean            error);
void        gloss_annotation_row_set_action   (GlossAnnotationRow *self,
                                               const char         *label,
                                               const char         *tooltip,
                                               gboolean            sensitive);
void        gloss_annotation_row_set_quote_size (GlossAnnotationRow *self,
                                                 GlossQuoteSize     *size);
const char *gloss_annotation_row_get_quote    (GlossAnnotationRow *self);

G_END_DECLS
