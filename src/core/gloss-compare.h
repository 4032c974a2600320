/* gloss-compare.h: the passages that several articles share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-word-diff.h"

G_BEGIN_DECLS

/* Shorter shared passages are not reported unless asked for. */
#define GLOSS_COMPARE_DEFAULT_MIN_WORDS 8

/* Where a passage is in one article: code points over its text, end exclusive. */
typedef struct
{
  guint article;
  guint start;
  guint end;
  guint n_words;
} GlossPassageSpan;

/* A span of an article that is shared, and which passage it belongs to. */
typedef struct
{
  guint start;
  guint end;
  guint passage;
} GlossSharedSpan;

#define GLOSS_TYPE_SHARED_PASSAGE (gloss_shared_passage_get_type ())

G_DECLARE_FINAL_TYPE (GlossSharedPassage, gloss_shared_passage, GLOSS, SHARED_PASSAGE, GObject)

#define GLOSS_TYPE_COMPARISON (gloss_comparison_get_type ())

G_DECLARE_FINAL_TYPE (GlossComparison, gloss_comparison, GLOSS, COMPARISON, GObject)

GlossComparison        *gloss_compare_run                        (const char * const   *texts,
                                                                  guint                 n_texts,
                                                                  guint                 min_words,
                                                                  GCancellable         *cancellable,
                                                                  GError              **error);
void                    gloss_compare_run_async                  (const char * const   *texts,
                                                                  guint                 n_texts,
                                                                  guint                 min_words,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
GlossComparison        *gloss_compare_run_finish                 (GAsyncResult         *result,
                                                                  GError              **error);

guint                   gloss_comparison_get_n_articles          (GlossComparison      *self);
guint                   gloss_comparison_get_min_words           (GlossComparison      *self);
guint                   gloss_comparison_get_n_passages          (GlossComparison      *self);
GlossSharedPassage     *gloss_comparison_get_passage             (GlossComparison      *self,
                                                                  guint                 index);
guint                   gloss_comparison_get_n_words             (GlossComparison      *self,
                                                                  guint                 article);
double                  gloss_comparison_get_shared_fraction     (GlossComparison      *self,
                                                                  guint                 article);
double                  gloss_comparison_get_shared_fraction_with (GlossComparison     *self,
                                                                   guint                article,
                                                                   guint                other);
const GlossSharedSpan  *gloss_comparison_get_shared_spans        (GlossComparison      *self,
                                                                  guint                 article,
                                                                  guint                *n_spans);
GlossSharedPassage     *gloss_comparison_find_passage_at         (GlossComparison      *self,
                                                                  guint                 article,
                                                                  guint                 offset);

guint                   gloss_shared_passage_get_index           (GlossSharedPassage   *self);
double                  gloss_shared_passage_get_similarity      (GlossSharedPassage   *self);
guint                   gloss_shared_passage_get_n_words         (GlossSharedPassage   *self);
const GlossPassageSpan *gloss_shared_passage_get_spans           (GlossSharedPassage   *self,
                                                                  guint                *n_spans);
gboolean                gloss_shared_passage_has_article         (GlossSharedPassage   *self,
                                                                  guint                 article);
const GlossPassageSpan *gloss_shared_passage_get_span_in         (GlossSharedPassage   *self,
                                                                  guint                 article);
GArray                 *gloss_shared_passage_dup_diff            (GlossSharedPassage   *self,
                                                                  guint                 article_a,
                                                                  guint                 article_b);

G_END_DECLS
