/* gloss-plain-text-importer.h: reads plain text (already decoded to UTF-8 by gloss-text-decoder)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-article-metadata.h"
#include "gloss-text-builder.h"

G_BEGIN_DECLS

gboolean  gloss_plain_text_import (const char            *data,
                                   gsize                  len,
                                   GlossTextBuilder      *builder,
                                   GlossArticleMetadata  *meta,
                                   GError               **error);

G_END_DECLS
