/* gloss-markdown-importer.h: reads CommonMark with GitHub tables, through md4c, with YAML front matter as metadata (input decoded to UTF-8 by gloss-text-decoder)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-article-metadata.h"
#include "gloss-text-builder.h"

G_BEGIN_DECLS

gboolean  gloss_markdown_import   (const char            *data,
                                   gsize                  len,
                                   GlossTextBuilder      *builder,
                                   GlossArticleMetadata  *meta,
                                   GError               **error);

G_END_DECLS
