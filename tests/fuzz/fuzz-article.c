/* fuzz-article.c: libFuzzer target for one importer, chosen with -DFUZZ_FORMAT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "../test-utils.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Imports the input and checks what every article promises (see test-utils.h). */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = gloss_article_new_from_data ((const char *) data, size, FUZZ_FORMAT, &error);
  if (article == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == GLOSS_ARTICLE_ERROR);
      return 0;
    }

  test_assert_well_formed (article);

  return 0;
}
