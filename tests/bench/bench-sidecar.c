/* bench-sidecar.c: loading and saving a sidecar of 20,000 annotations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a 2 MB article, annotates 20,000 passages of it (with tags and notes), and times
 * saving the sidecar, loading it into a new set, and saving again after one change (which
 * re-reads the file to merge). Prints Markdown table rows, then how much of loading is
 * parsing alone (gloss_sidecar_parse()); best of 5.
 * Run: ninja -C _build tests/bench/bench-sidecar && ./_build/tests/bench/bench-sidecar
 */

#include "config.h"

#include <glib/gstdio.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"
#include "gloss-sidecar.h"

#define N_ANNOTATIONS 20000
#define RUNS 5

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-bench-sidecar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "article.txt", NULL);
  g_autofree char *sidecar_path = g_strconcat (path, ".annotations.json", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossArticle) article = NULL;
  double best_save = G_MAXDOUBLE, best_load = G_MAXDOUBLE, best_resave = G_MAXDOUBLE;
  double best_parse = G_MAXDOUBLE;
  GStatBuf st;

  for (guint i = 0; i < N_ANNOTATIONS; i++)
    g_string_append_printf (text, "Sentence %u of the story says what the council said. ", i);
  g_file_set_contents (path, text->str, text->len, NULL);
  article = gloss_article_load (file, NULL, NULL);
  g_assert (article != NULL);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new_for_article (article);
      g_autoptr(GlossAnnotationSet) loaded = gloss_annotation_set_new_for_article (article);
      const char *tags[] = { "council", "Timeline", NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossAnnotation) first = NULL;
      guint length = gloss_article_get_length (article);
      gint64 start;

      g_remove (sidecar_path);
      for (guint i = 0; i < N_ANNOTATIONS; i++)
        {
          /* The text is ASCII: offsets are bytes, and building 20,000 quotes stays cheap. */
          const char *chars = gloss_article_get_text (article);
          guint from = (guint) ((guint64) i * length / N_ANNOTATIONS);
          guint to = MIN (from + 40, length);
          g_autofree char *id = g_uuid_string_random ();
          g_autofree char *exact = g_strndup (chars + from, to - from);
          g_autofree char *prefix = g_strndup (chars + (from > 32 ? from - 32 : 0),
                                               from > 32 ? 32 : from);
          g_autofree char *suffix = g_strndup (chars + to, MIN (32, length - to));
          g_autoptr(GlossAnnotation) annotation =
            gloss_annotation_new_full (id, from, to, exact, prefix, suffix,
                                       "2026-11-25T18:55:00Z", "2026-11-25T18:55:00Z");

          gloss_annotation_set_tags (annotation, tags);
          gloss_annotation_set_note (annotation, "A note on this passage.\nSecond line.");
          gloss_annotation_set_add (set, annotation);
        }

      start = g_get_monotonic_time ();
      if (!gloss_annotation_set_save (set, NULL, &error))
        g_error ("save: %s", error->message);
      best_save = MIN (best_save, ms_since (start));

      start = g_get_monotonic_time ();
      if (!gloss_annotation_set_load (loaded, NULL, &error))
        g_error ("load: %s", error->message);
      best_load = MIN (best_load, ms_since (start));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, N_ANNOTATIONS);

      {
        g_autofree char *data = NULL;
        g_autoptr(GlossSidecarContents) contents = NULL;
        gsize len;

        g_file_get_contents (sidecar_path, &data, &len, NULL);
        start = g_get_monotonic_time ();
        contents = gloss_sidecar_parse (data, len, &error);
        best_parse = MIN (best_parse, ms_since (start));
        g_assert_no_error (error);
      }

      first = g_list_model_get_item (G_LIST_MODEL (loaded), 0);
      gloss_annotation_set_note (first, "Changed.");
      gloss_annotation_set_update (loaded, first);
      start = g_get_monotonic_time ();
      if (!gloss_annotation_set_save (loaded, NULL, &error))
        g_error ("save again: %s", error->message);
      best_resave = MIN (best_resave, ms_since (start));
    }

  g_stat (sidecar_path, &st);
  g_print ("| annotations | sidecar size | save | load | save after one change |\n");
  g_print ("| --- | --- | --- | --- | --- |\n");
  g_print ("| %d | %.1f MB | %.0f ms | %.0f ms | %.0f ms |\n", N_ANNOTATIONS,
           st.st_size / (1024.0 * 1024.0), best_save, best_load, best_resave);
  g_print ("\nof loading, parsing alone (gloss_sidecar_parse): %.0f ms\n", best_parse);

  g_remove (sidecar_path);
  g_remove (path);
  g_rmdir (dir);

  return 0;
}
