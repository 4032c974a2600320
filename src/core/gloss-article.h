/* gloss-article.h: an article: its source file, text, structure and metadata
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-article-error.h"
#include "gloss-text-builder.h"

G_BEGIN_DECLS

/* Bumped whenever the normalisation of the article text changes (annotation offsets depend
 * on it); docs/annotation-format.md describes each version. */
#define GLOSS_TEXT_MODEL_VERSION 1

typedef enum
{
  GLOSS_ARTICLE_FORMAT_PLAIN_TEXT,
  GLOSS_ARTICLE_FORMAT_MARKDOWN,
  GLOSS_ARTICLE_FORMAT_HTML,
} GlossArticleFormat;

#define GLOSS_TYPE_ARTICLE (gloss_article_get_type ())

G_DECLARE_FINAL_TYPE (GlossArticle, gloss_article, GLOSS, ARTICLE, GObject)

GlossArticleFormat  gloss_article_format_guess        (const char            *file_name,
                                                       const char            *data,
                                                       gsize                  len);
gboolean            gloss_article_is_article_name     (const char            *file_name);

GlossArticle       *gloss_article_new_from_data       (const char            *data,
                                                       gsize                  len,
                                                       GlossArticleFormat     format,
                                                       GError               **error);
GlossArticle       *gloss_article_load                (GFile                 *file,
                                                       GCancellable          *cancellable,
                                                       GError               **error);
void                gloss_article_load_async          (GFile                 *file,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
GlossArticle       *gloss_article_load_finish         (GAsyncResult          *result,
                                                       GError               **error);

GFile              *gloss_article_get_file            (GlossArticle          *self);
GlossArticleFormat  gloss_article_get_format          (GlossArticle          *self);
const char         *gloss_article_get_text            (GlossArticle          *self);
gsize               gloss_article_get_text_size       (GlossArticle          *self);
guint               gloss_article_get_length          (GlossArticle          *self);
const char         *gloss_article_get_sha256          (GlossArticle          *self);
const GlossSpan    *gloss_article_get_spans           (GlossArticle          *self,
                                                       guint                 *n_spans);
const char         *gloss_article_get_title           (GlossArticle          *self);
const char         *gloss_article_get_outlet          (GlossArticle          *self);
const char         *gloss_article_get_author          (GlossArticle          *self);
const char         *gloss_article_get_date            (GlossArticle          *self);
const char         *gloss_article_get_url             (GlossArticle          *self);
char               *gloss_article_dup_display_title   (GlossArticle          *self);

G_END_DECLS
