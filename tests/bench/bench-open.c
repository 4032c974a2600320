/* bench-open.c: how fast a large article shows, and what it costs in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens generated articles in a real window and reports, as Markdown table rows:
 * - first screen: from asking to open until the first frame with text in it is painted;
 * - complete: until the whole text is in the column (import thread + sliced fill);
 * - longest frame gap: the longest time between two painted frames meanwhile, from the
 *   moment of asking (a freeze);
 * - memory: resident set size above the empty window's (and its ratio to the size of the
 *   files) when the text is complete, and again once background layout is done.
 * The cases: one 10 MB article, four of 1 MB, and a folder of 50 news-sized articles (30 KB)
 * opened as a folder, as Open Folder does.
 * Run: meson compile -C _build bench-open && xvfb-run -a ./_build/tests/bench/bench-open
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-utils.h"
#include "gloss-window-private.h"

static const char paragraph[] =
  "Engineers carrying out a routine inspection found cracks in the cast-iron pivot beneath "
  "the 135-year-old bridge shortly after 10pm on Tuesday, and the structure was closed to "
  "all traffic at 11.40pm. \xe2\x80\x9cWe will not ask anyone to cross a structure we cannot "
  "vouch for,\xe2\x80\x9d the council leader said \xe2\x80\x94 and the ferry filled up.\n\n";

static GFile *
write_article (const char *dir,
               const char *name,
               gsize       size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) data = g_string_sized_new (size + sizeof paragraph);
  guint n = 0;

  while (data->len < size)
    {
      g_string_append_printf (data, "%u. ", ++n);
      g_string_append (data, paragraph);
    }
  g_file_set_contents (path, data->str, data->len, NULL);

  return g_file_new_for_path (path);
}

static void
settle (void)
{
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

typedef struct
{
  GlossWindow *window;
  gint64       start;
  gint64       first_screen;
  gint64       last_paint;
  gint64       longest_gap;  /* between two frames while loading */
} Run;

static gboolean
any_text (GlossWindow *window)
{
  GlossColumns *columns = gloss_window_get_columns (window);

  for (guint i = 0; i < gloss_columns_get_n_columns (columns); i++)
    {
      GtkTextView *view = gloss_article_view_get_text_view (
        GLOSS_ARTICLE_VIEW (gloss_columns_get_nth (columns, i)));

      if (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (view)) > 0)
        return TRUE;
    }

  return FALSE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Run           *run)
{
  gint64 now = g_get_monotonic_time ();

  if (run->first_screen == 0 && any_text (run->window))
    run->first_screen = now;
  if (run->last_paint != 0)
    run->longest_gap = MAX (run->longest_gap, now - run->last_paint);
  run->last_paint = now;
}

static void
measure (const char  *label,
         GFile      **files,
         guint        n_files,
         gsize        total_size)
{
  Run run = { 0 };
  GdkFrameClock *clock;
  gulong handler;
  long before, after, steady;
  gint64 complete;

  run.window = gloss_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (run.window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (run.window));
  settle ();
  before = bench_rss_kib ();

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (run.window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &run);

  run.start = g_get_monotonic_time ();
  /* the time until the first frame after asking counts as a gap too */
  run.last_paint = run.start;
  gloss_window_open_files (run.window, files, n_files);
  while (run.first_screen == 0 || gloss_window_get_busy (run.window))
    g_main_context_iteration (NULL, TRUE);
  complete = g_get_monotonic_time ();
  g_signal_handler_disconnect (clock, handler);

  settle ();
  after = bench_rss_kib ();

  /* GtkTextView goes on laying out the rest of the text in the background: measure again
   * once that is over too. */
  {
    gint64 until = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      {
        while (g_main_context_iteration (NULL, FALSE))
          ;
        g_usleep (5000);
      }
  }
  steady = bench_rss_kib ();

  g_print ("| %s | %.0f ms | %.0f ms | %.0f ms | %.1f MB (%.1f×) | %.1f MB (%.1f×) |\n", label,
           (run.first_screen - run.start) / 1000.0, (complete - run.start) / 1000.0,
           run.longest_gap / 1000.0,
           (after - before) / 1024.0, (after - before) * 1024.0 / total_size,
           (steady - before) / 1024.0, (steady - before) * 1024.0 / total_size);

  gtk_window_destroy (GTK_WINDOW (run.window));
  settle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-bench-XXXXXX", NULL);
  g_autofree char *folder_path = g_build_filename (dir, "folder", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  GFile *large;
  GFile *four[4];
  GFile *fifty[50];

  g_set_prgname ("gloss");
  g_set_application_name ("Gloss");
  gtk_init ();
  adw_init ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  large = write_article (dir, "large.txt", 10 * 1024 * 1024);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("article-%u.txt", i);

      four[i] = write_article (dir, name, 1024 * 1024);
    }
  g_mkdir (folder_path, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (fifty); i++)
    {
      g_autofree char *name = g_strdup_printf ("report-%02u.txt", i);

      fifty[i] = write_article (folder_path, name, 30 * 1024);
    }

  g_print ("| articles | first screen | whole text in | longest frame gap | "
           "memory when complete | memory 8 s later |\n");
  g_print ("| --- | --- | --- | --- | --- | --- |\n");
  /* GLOSS_BENCH_ONLY=folder measures the folder alone */
  if (g_strcmp0 (g_getenv ("GLOSS_BENCH_ONLY"), "folder") != 0)
    {
      measure ("1 × 10 MB plain text", &large, 1, 10 * 1024 * 1024);
      measure ("4 × 1 MB plain text", four, 4, 4 * 1024 * 1024);
    }
  measure ("a folder of 50 × 30 KB", &folder, 1, G_N_ELEMENTS (fifty) * 30 * 1024);

  g_file_delete (large, NULL, NULL);
  g_object_unref (large);
  for (guint i = 0; i < 4; i++)
    {
      g_file_delete (four[i], NULL, NULL);
      g_object_unref (four[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fifty); i++)
    {
      g_file_delete (fifty[i], NULL, NULL);
      g_object_unref (fifty[i]);
    }
  g_rmdir (folder_path);
  g_rmdir (dir);

  return 0;
}
