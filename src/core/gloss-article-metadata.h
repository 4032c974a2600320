/* gloss-article-metadata.h: what importers find out about an article besides its text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every field is NULL when the source does not say, else trimmed UTF-8 on one line. */
typedef struct
{
  char *title;
  char *outlet;   /* site or publication name */
  char *author;
  char *date;     /* as the source gives it, ISO 8601 where the source uses it */
  char *url;
} GlossArticleMetadata;

void  gloss_article_metadata_clear (GlossArticleMetadata *meta);
void  gloss_article_metadata_set   (char                **field,
                                    const char           *value,
                                    gboolean              overwrite);

G_END_DECLS
