/* fuzz-w3c.c: libFuzzer target for the W3C Web Annotation (JSON-LD) import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `gloss import` does with ANNOTATIONS.json, in memory: parse and anchor onto an
 * article, merge into the article's annotations, write them as a sidecar. The input is the
 * JSON; or, when it holds a NUL byte, a plain-text article before it and the JSON after.
 * Without one, the article is a fixed one read from a file named article.txt, so that the
 * import's matching of target sources by file name is reached too.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-sidecar.h"
#include "gloss-w3c-importer.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char article_text[] =
  "# The bridge\n\n"
  "The old bridge over the river was closed on Monday. “It is not safe,” said the engineer — "
  "the bridge had stood for 120 years.\n\n"
  "Traffic now goes round by Turnbridge, which adds twenty minutes. The bridge will reopen "
  "in spring, or so the council says.\n";

static char *tmp_dir;

static void
remove_tmp_dir (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "article.txt", NULL);

  g_unlink (path);
  g_rmdir (tmp_dir);
}

/* The fixed article, read once from a real file. */
static GlossArticle *
get_fixed_article (void)
{
  static GlossArticle *article;

  if (article == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;

      tmp_dir = g_dir_make_tmp ("gloss-fuzz-w3c-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_tmp_dir);
      path = g_build_filename (tmp_dir, "article.txt", NULL);
      g_file_set_contents (path, article_text, -1, &error);
      g_assert_no_error (error);
      file = g_file_new_for_path (path);
      article = gloss_article_load (file, NULL, &error);
      g_assert_no_error (error);
    }

  return article;
}

/* The set's annotations as its sidecar would hold them; they must read back the same. */
static void
check_sidecar_round_trip (GlossArticle       *article,
                          GlossAnnotationSet *set)
{
  g_autoptr(GlossSidecarContents) contents = gloss_sidecar_contents_new ();
  g_autoptr(GlossSidecarContents) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (set));
  gsize len = 0, len2 = 0;

  contents->file = g_strdup ("article.txt");
  contents->sha256 = g_strdup (gloss_article_get_sha256 (article));
  contents->length = gloss_article_get_length (article);
  contents->text_model = GLOSS_TEXT_MODEL_VERSION;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (contents->annotations, g_list_model_get_item (G_LIST_MODEL (set), i));

  written = gloss_sidecar_serialize (contents, &len);
  g_assert_true (g_utf8_validate (written, len, NULL));
  again = gloss_sidecar_parse (written, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->annotations->len, ==, n);
  rewritten = gloss_sidecar_serialize (again, &len2);
  g_assert_cmpstr (written, ==, rewritten);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GlossArticle) own_article = NULL;
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *json = (const char *) data;
  const char *nul = memchr (data, '\0', size);
  GlossArticle *article;
  GlossW3cImportCounts counts, again;
  gsize json_len = size;
  guint skipped = 0;

  if (nul != NULL)
    {
      own_article = gloss_article_new_from_data (json, nul - json,
                                                 GLOSS_ARTICLE_FORMAT_PLAIN_TEXT, NULL);
      if (own_article == NULL)
        return 0;
      article = own_article;
      json_len = size - (nul + 1 - json);
      json = nul + 1;
    }
  else
    article = get_fixed_article ();

  annotations = gloss_w3c_importer_parse (article, json, json_len, &skipped, &error);
  if (annotations == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == GLOSS_W3C_IMPORTER_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  /* What the rest of Gloss relies on: ranges inside the text, unique ids, valid UTF-8. */
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (annotations, i);
      const char *id = gloss_annotation_get_id (annotation);

      g_assert_true (id != NULL && id[0] != '\0' && g_utf8_validate (id, -1, NULL));
      g_assert_true (g_hash_table_add (ids, (gpointer) id));
      g_assert_cmpuint (gloss_annotation_get_start (annotation), <=,
                        gloss_annotation_get_end (annotation));
      g_assert_cmpuint (gloss_annotation_get_end (annotation), <=,
                        gloss_article_get_length (article));
      if (gloss_annotation_is_attached (annotation))
        {
          g_assert_cmpuint (gloss_annotation_get_anchor_start (annotation), <=,
                            gloss_annotation_get_anchor_end (annotation));
          g_assert_cmpuint (gloss_annotation_get_anchor_end (annotation), <=,
                            gloss_article_get_length (article));
        }
      g_assert_true (g_utf8_validate (gloss_annotation_get_note (annotation), -1, NULL));
      g_assert_true (g_utf8_validate (gloss_annotation_get_exact (annotation), -1, NULL));
    }

  /* Merged as `gloss import` does (the set is never loaded or saved: no disk), twice: the
   * second import of the same file changes nothing. */
  file = g_file_new_for_path ("/nonexistent/gloss-fuzz/article.txt");
  set = gloss_annotation_set_new (file, gloss_article_get_sha256 (article),
                                  gloss_article_get_length (article));
  gloss_w3c_importer_merge (set, annotations, &counts);
  g_assert_cmpuint (counts.added, ==, annotations->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, annotations->len);
  gloss_w3c_importer_merge (set, annotations, &again);
  g_assert_cmpuint (again.added, ==, 0);
  g_assert_cmpuint (again.updated, ==, 0);

  check_sidecar_round_trip (article, set);

  return 0;
}
