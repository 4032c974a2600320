/* gloss-article-buffer.h: the text of an article with its structure as tags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gloss-article.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ARTICLE_BUFFER (gloss_article_buffer_get_type ())

G_DECLARE_FINAL_TYPE (GlossArticleBuffer, gloss_article_buffer, GLOSS, ARTICLE_BUFFER, GtkTextBuffer)

GlossArticleBuffer *gloss_article_buffer_new          (GlossArticle        *article);
double              gloss_article_buffer_get_progress (GlossArticleBuffer  *self);
gboolean            gloss_article_buffer_get_loaded   (GlossArticleBuffer  *self);
void                gloss_article_buffer_set_colors   (GlossArticleBuffer  *self,
                                                       const GdkRGBA       *foreground,
                                                       const GdkRGBA       *accent);

G_END_DECLS
