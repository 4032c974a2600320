/* faults-saver.c: a Gloss process that keeps one article's annotations in memory and saves
 * them again and again, for tests/faults/test-faults.sh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: faults-saver ARTICLE N STOP-FILE
 * Adds N annotations, one at a time, saving after each (as the window's autosave does)
 * while another program writes the same sidecar; then waits for STOP-FILE to exist (the
 * other writer is done) and saves once more. Exits 1 if a save failed.
 */

#include "config.h"

#include <gio/gio.h>

#include "gloss-annotation-set.h"
#include "gloss-article.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GError) error = NULL;
  guint n, length;

  if (argc != 4)
    {
      g_printerr ("usage: %s ARTICLE N STOP-FILE\n", argv[0]);
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  n = atoi (argv[2]);
  article = gloss_article_load (file, NULL, &error);
  if (article == NULL)
    {
      g_printerr ("faults-saver: %s\n", error->message);
      return 1;
    }
  length = gloss_article_get_length (article);
  set = gloss_annotation_set_new_for_article (article);
  if (!gloss_annotation_set_load (set, NULL, &error))
    {
      g_printerr ("faults-saver: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < n; i++)
    {
      guint start = (i * 7) % (length - 10);
      g_autoptr(GlossAnnotation) annotation =
        gloss_annotation_new_for_article (article, start, start + 5);
      g_autofree char *note = g_strdup_printf ("gloss %u", i);

      gloss_annotation_set_note (annotation, note);
      gloss_annotation_set_add (set, annotation);
      if (!gloss_annotation_set_save (set, NULL, &error))
        {
          g_printerr ("faults-saver: save %u: %s\n", i, error->message);
          return 1;
        }
      g_usleep (g_random_int_range (0, 20000));
    }

  while (!g_file_test (argv[3], G_FILE_TEST_EXISTS))
    g_usleep (20000);

  if (!gloss_annotation_set_save (set, NULL, &error))
    {
      g_printerr ("faults-saver: last save: %s\n", error->message);
      return 1;
    }
  g_print ("%u merges\n", gloss_annotation_set_get_merge_count (set));

  return 0;
}
