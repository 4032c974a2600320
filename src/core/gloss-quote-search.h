/* gloss-quote-search.h: where a quote someone typed occurs in an article text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A match, in code points over the article text, end exclusive. */
typedef struct
{
  guint start;
  guint end;
} GlossQuoteMatch;

GArray  *gloss_quote_search (const char *text,
                             const char *quote);

G_END_DECLS
