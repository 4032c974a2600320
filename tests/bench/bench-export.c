/* bench-export.c: exporting 20,000 annotations from 10 articles, in every format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes 10 articles of about 200 KB with 2,000 annotations each (a third with tags and a
 * note), then times gloss_export_run() for each format and grouping: best and median of 5.
 * Run: ninja -C _build tests/bench/bench-export && ./_build/tests/bench/bench-export
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "gloss-export.h"

#define N_ARTICLES 10
#define PER_ARTICLE 2000
#define RUNS 5

static const char paragraph[] =
  "Engineers carrying out a routine inspection found cracks in the cast-iron pivot beneath "
  "the 135-year-old bridge shortly after 10pm on Tuesday, and the structure was closed to "
  "all traffic at 11.40pm. \xe2\x80\x9cWe will not ask anyone to cross a structure we cannot "
  "vouch for,\xe2\x80\x9d the council leader said \xe2\x80\x94 and the ferry filled up.\n\n";

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-bench-XXXXXX", NULL);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char * const *colors = gloss_annotation_list_colors ();

  for (guint a = 0; a < N_ARTICLES; a++)
    {
      g_autofree char *name = g_strdup_printf ("article-%u.txt", a);
      char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GString) data = g_string_new (NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      GlossArticle *article;
      GlossAnnotationSet *set;
      guint length, step;

      for (guint n = 0; data->len < 200 * 1024; n++)
        {
          g_string_append_printf (data, "%u. ", n);
          g_string_append (data, paragraph);
        }
      g_file_set_contents (path, data->str, data->len, NULL);
      g_ptr_array_add (paths, path);

      article = gloss_article_load (file, NULL, NULL);
      set = gloss_annotation_set_new_for_article (article);
      length = gloss_article_get_length (article);
      step = length / PER_ARTICLE;
      for (guint i = 0; i < PER_ARTICLE; i++)
        {
          g_autoptr(GlossAnnotation) annotation =
            gloss_annotation_new_for_article (article, i * step, i * step + 30);

          gloss_annotation_set_color (annotation, colors[i % 8]);
          if (i % 3 == 0)
            {
              gloss_annotation_add_tag (annotation, i % 2 ? "bridge" : "council");
              gloss_annotation_set_note (annotation, "Compare with the other outlets, \"quoted\".");
            }
          gloss_annotation_set_add (set, annotation);
        }
      g_ptr_array_add (articles, article);
      g_ptr_array_add (sets, set);
    }

  g_print ("| format | grouping | annotations | output | best | median |\n");
  g_print ("| --- | --- | --- | --- | --- | --- |\n");
  for (GlossExportFormat format = GLOSS_EXPORT_FORMAT_MARKDOWN;
       format <= GLOSS_EXPORT_FORMAT_CSV; format++)
    for (GlossExportGrouping grouping = GLOSS_EXPORT_GROUP_BY_ARTICLE;
         grouping <= GLOSS_EXPORT_GROUP_BY_TAG; grouping++)
      {
        double times[RUNS];
        gsize size = 0;
        guint n = 0;

        /* JSON-LD has no grouping */
        if (format == GLOSS_EXPORT_FORMAT_JSON && grouping == GLOSS_EXPORT_GROUP_BY_TAG)
          continue;

        for (guint r = 0; r < RUNS; r++)
          {
            g_autoptr(GlossExport) export = gloss_export_new ();
            g_autoptr(GBytes) bytes = NULL;
            gint64 start;

            for (guint a = 0; a < N_ARTICLES; a++)
              gloss_export_add_source (export, g_ptr_array_index (articles, a),
                                       g_ptr_array_index (sets, a));
            gloss_export_set_format (export, format);
            gloss_export_set_grouping (export, grouping);
            start = g_get_monotonic_time ();
            bytes = gloss_export_run (export, &n);
            times[r] = (g_get_monotonic_time () - start) / 1000.0;
            size = g_bytes_get_size (bytes);
          }
        qsort (times, RUNS, sizeof (double), compare_doubles);
        g_print ("| %s | %s | %u | %.1f MB | %.0f ms | %.0f ms |\n",
                 gloss_export_format_to_string (format), gloss_export_grouping_to_string (grouping),
                 n, size / 1048576.0, times[0], times[RUNS / 2]);
      }

  for (guint a = 0; a < paths->len; a++)
    g_remove (g_ptr_array_index (paths, a));
  g_rmdir (dir);

  return 0;
}
