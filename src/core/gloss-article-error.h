/* gloss-article-error.h: why an article could not be read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GLOSS_ARTICLE_ERROR (gloss_article_error_quark ())

typedef enum
{
  GLOSS_ARTICLE_ERROR_BINARY,    /* not text at all */
  GLOSS_ARTICLE_ERROR_ENCODING,  /* text in an encoding Gloss cannot identify */
  GLOSS_ARTICLE_ERROR_TOO_LARGE, /* over GLOSS_ARTICLE_MAX_FILE_SIZE */
  GLOSS_ARTICLE_ERROR_PARSE,     /* the parser gave up */
  GLOSS_ARTICLE_ERROR_NOT_FILE,  /* a directory, socket, … */
} GlossArticleError;

/* Articles are read whole into memory; larger files are refused before reading. */
#define GLOSS_ARTICLE_MAX_FILE_SIZE (G_GUINT64_CONSTANT (64) * 1024 * 1024)

GQuark  gloss_article_error_quark (void);

G_END_DECLS
