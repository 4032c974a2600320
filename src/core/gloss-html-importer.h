/* gloss-html-importer.h: reads saved web pages, through libxml2's HTML parser (raw bytes: libxml2 finds the encoding)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-article-metadata.h"
#include "gloss-text-builder.h"

G_BEGIN_DECLS

gboolean  gloss_html_import       (const char            *data,
                                   gsize                  len,
                                   GlossTextBuilder      *builder,
                                   GlossArticleMetadata  *meta,
                                   GError               **error);

G_END_DECLS
