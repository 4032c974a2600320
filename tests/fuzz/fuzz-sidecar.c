/* fuzz-sidecar.c: libFuzzer target for the sidecar reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-sidecar.h"

#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Reads the input as an ARTICLE.annotations.json. What is read must keep the promises the
 * rest of Gloss relies on (ranges inside the recorded text, unique ids), and writing it
 * back must give a file that reads again into exactly the same file. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GlossSidecarContents) contents = NULL;
  g_autoptr(GlossSidecarContents) again = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;
  gsize len = 0, len2 = 0;

  contents = gloss_sidecar_parse ((const char *) data, size, &error);
  if (contents == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == GLOSS_SIDECAR_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < contents->annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (contents->annotations, i);

      g_assert_cmpuint (gloss_annotation_get_start (annotation), <=,
                        gloss_annotation_get_end (annotation));
      g_assert_cmpuint (gloss_annotation_get_end (annotation), <=, contents->length);
      g_assert_true (g_hash_table_add (ids, (gpointer) gloss_annotation_get_id (annotation)));
    }

  written = gloss_sidecar_serialize (contents, &len);
  g_assert_cmpuint (strlen (written), ==, len);
  g_assert_true (g_utf8_validate (written, len, NULL));
  g_assert_true (g_str_has_suffix (written, "}\n"));

  again = gloss_sidecar_parse (written, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->annotations->len, ==, contents->annotations->len);
  rewritten = gloss_sidecar_serialize (again, &len2);
  g_assert_cmpstr (written, ==, rewritten);

  return 0;
}
