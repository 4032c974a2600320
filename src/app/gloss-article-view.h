/* gloss-article-view.h: one article column: its header and its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-annotation-history.h"
#include "gloss-annotator.h"
#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-compare-marks.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ARTICLE_VIEW (gloss_article_view_get_type ())

G_DECLARE_FINAL_TYPE (GlossArticleView, gloss_article_view, GLOSS, ARTICLE_VIEW, GtkWidget)

GtkWidget      *gloss_article_view_new             (GFile             *file);
GFile          *gloss_article_view_get_file        (GlossArticleView  *self);
GlossArticle   *gloss_article_view_get_article     (GlossArticleView  *self);
gboolean        gloss_article_view_get_loading     (GlossArticleView  *self);
const char     *gloss_article_view_get_error       (GlossArticleView  *self);
char           *gloss_article_view_dup_title       (GlossArticleView  *self);
GtkTextView    *gloss_article_view_get_text_view   (GlossArticleView  *self);
GtkAdjustment  *gloss_article_view_get_vadjustment (GlossArticleView  *self);
void            gloss_article_view_set_zoom        (GlossArticleView  *self,
                                                    double             zoom);
void            gloss_article_view_focus_text      (GlossArticleView  *self);
guint           gloss_article_view_search          (GlossArticleView  *self,
                                                    const char        *needle);
guint           gloss_article_view_search_count    (GlossArticleView  *self);
void            gloss_article_view_select_match    (GlossArticleView  *self,
                                                    guint              index);
void            gloss_article_view_clear_search    (GlossArticleView  *self);

GlossAnnotationSet *gloss_article_view_get_annotations    (GlossArticleView       *self);
void                gloss_article_view_set_history        (GlossArticleView       *self,
                                                           GlossAnnotationHistory *history);
void                gloss_article_view_set_known_tags     (GlossArticleView       *self,
                                                           GListModel             *tags);
gboolean            gloss_article_view_get_selection      (GlossArticleView       *self,
                                                           guint                  *start,
                                                           guint                  *end);
void                gloss_article_view_reveal_annotation  (GlossArticleView       *self,
                                                           GlossAnnotation        *annotation);
GlossAnnotator     *gloss_article_view_get_annotator      (GlossArticleView       *self);

GlossCompareMarks  *gloss_article_view_get_compare_marks   (GlossArticleView       *self);
void                gloss_article_view_set_compare_summary (GlossArticleView       *self,
                                                            const char             *summary,
                                                            const char             *details);
const char         *gloss_article_view_get_compare_summary (GlossArticleView       *self);

G_END_DECLS
