/* gloss-compare-marks.h: the passages one column shares with the others, marked in its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-history.h"
#include "gloss-compare.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_COMPARE_MARK_SHARED,       /* text another article shares */
  GLOSS_COMPARE_MARK_CHANGED,      /* words of a shared passage another article has otherwise */
  GLOSS_COMPARE_MARK_COUNTERPART,  /* the passage hovered or activated, here or in another column */
  GLOSS_COMPARE_MARK_DIMMED,       /* shared text, when only what is unique is shown */
} GlossCompareMark;

/* The reading line, as a fraction of a column's height from its top: where a passage
 * jumped to lands, and where scrolling together keeps the shared passages level. */
#define GLOSS_COMPARE_MARKS_ANCHOR 0.25

#define GLOSS_TYPE_COMPARE_MARKS (gloss_compare_marks_get_type ())

G_DECLARE_FINAL_TYPE (GlossCompareMarks, gloss_compare_marks, GLOSS, COMPARE_MARKS, GObject)

GlossCompareMarks *gloss_compare_marks_new                  (GtkTextView            *text_view);
void               gloss_compare_marks_set_comparison       (GlossCompareMarks      *self,
                                                             GlossComparison        *comparison,
                                                             guint                   article);
GlossComparison   *gloss_compare_marks_get_comparison       (GlossCompareMarks      *self);
guint              gloss_compare_marks_get_article          (GlossCompareMarks      *self);
void               gloss_compare_marks_set_unique           (GlossCompareMarks      *self,
                                                             gboolean                unique);
int                gloss_compare_marks_passage_at           (GlossCompareMarks      *self,
                                                             guint                   offset);
void               gloss_compare_marks_mark_passage         (GlossCompareMarks      *self,
                                                             int                     passage);
int                gloss_compare_marks_get_marked           (GlossCompareMarks      *self);
int                gloss_compare_marks_step                 (GlossCompareMarks      *self,
                                                             int                     direction);
gboolean           gloss_compare_marks_get_extent           (GlossCompareMarks      *self,
                                                             guint                   passage,
                                                             int                    *y,
                                                             int                    *height);
gboolean           gloss_compare_marks_align_to             (GlossCompareMarks      *self,
                                                             GlossCompareMarks      *source,
                                                             guint                   passage);
gboolean           gloss_compare_marks_follow               (GlossCompareMarks      *self,
                                                             GlossCompareMarks      *source);
GtkTextTag        *gloss_compare_marks_get_tag              (GlossCompareMarks      *self,
                                                             GlossCompareMark        mark);
int                gloss_compare_marks_get_target           (GlossCompareMarks      *self);
gboolean           gloss_compare_marks_annotate             (GlossCompareMarks      *self,
                                                             GListModel             *views,
                                                             GlossAnnotationHistory *history);
GtkWidget         *gloss_compare_marks_get_annotate_popover (GlossCompareMarks      *self);

G_END_DECLS
