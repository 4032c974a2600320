/* bench-annotate.c: a 10 MB article with 20,000 annotations in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reports, as Markdown:
 * - first screen: from asking to open until the first frame with text in it;
 * - first screen with its highlights: until the annotations are read and those of the text
 *   already in the buffer painted;
 * - whole text in: until the text is all in the buffer and every highlight painted;
 * - longest frame gap while opening (a freeze);
 * - adding a highlight: gloss_annotator_highlight() (model, undo step, repaint), and until
 *   the next frame is painted, at the start, middle and end of the text;
 * - scrolling: frame times while the view scrolls a screen at a time;
 * - the annotations sidebar (F9): each keystroke of a search typed and deleted again, a
 *   colour filter and grouping by tag, from the search entry's "search-changed" (that is,
 *   after its 150 ms typing delay) until the sidebar is redrawn, with the CPU time of
 *   that (the machine may be shared), and the longest of the next frames (GTK may finish
 *   the list's layout a frame later); once while GtkTextView is still laying the article
 *   out in the background, then after it is done.
 * GLOSS_BENCH_ONLY=sidebar skips the highlight and scrolling figures.
 * Run: meson compile -C _build bench-annotate &&
 *      GSK_RENDERER=cairo xvfb-run -a ./_build/tests/bench/bench-annotate
 * (Xvfb has no GPU: GTK's GL renderer runs on llvmpipe there and takes ~90 ms a frame
 * whatever the window shows, so the cairo renderer gives the figures that mean something.)
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "gloss-annotation-sidebar.h"
#include "bench-utils.h"
#include "gloss-window-private.h"

/* GLOSS_BENCH_MB and GLOSS_BENCH_ANNOTATIONS change them */
static guint article_bytes = 10 * 1024 * 1024;
static guint n_annotations = 20000;

static const char paragraph[] =
  "Engineers carrying out a routine inspection found cracks in the cast-iron pivot beneath "
  "the 135-year-old bridge shortly after 10pm on Tuesday, and the structure was closed to "
  "all traffic at 11.40pm. \xe2\x80\x9cWe will not ask anyone to cross a structure we cannot "
  "vouch for,\xe2\x80\x9d the council leader said \xe2\x80\x94 and the ferry filled up.\n\n";

static GFile *
write_article (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "large.txt", NULL);
  g_autoptr(GString) data = g_string_sized_new (article_bytes + sizeof paragraph);
  guint n = 0;

  while (data->len < article_bytes)
    {
      g_string_append_printf (data, "%u. ", ++n);
      g_string_append (data, paragraph);
    }
  g_file_set_contents (path, data->str, data->len, NULL);

  return g_file_new_for_path (path);
}

/* Annotates n_annotations passages spread over the text, a third with tags and a note. */
static void
write_sidecar (GFile *file)
{
  g_autoptr(GlossArticle) article = gloss_article_load (file, NULL, NULL);
  g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new_for_article (article);
  const char *text = gloss_article_get_text (article);
  const char * const *colors = gloss_annotation_list_colors ();
  guint length = gloss_article_get_length (article);
  guint step = length / MAX (n_annotations, 1);
  const char *p = text;
  guint offset = 0;

  for (guint i = 0; i < n_annotations; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      guint start = i * step;
      const char *a, *b;
      g_autofree char *exact = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;
      g_autoptr(GlossAnnotation) annotation = NULL;

      /* walk forward only: the text is 10 MB */
      while (offset < start)
        {
          p = g_utf8_next_char (p);
          offset++;
        }
      a = p;
      b = g_utf8_offset_to_pointer (a, 40);
      exact = g_strndup (a, b - a);
      /* the context as Gloss stores it: 32 code points on each side */
      {
        const char *before = start >= 32 ? g_utf8_offset_to_pointer (a, -32) : text;
        const char *after = g_utf8_offset_to_pointer (b, 32);

        prefix = g_strndup (before, a - before);
        suffix = g_strndup (b, after - b);
      }
      annotation = gloss_annotation_new_full (uuid, start, start + 40, exact, prefix, suffix,
                                              NULL, NULL);
      gloss_annotation_set_color (annotation, colors[i % 8]);
      if (i % 3 == 0)
        {
          gloss_annotation_add_tag (annotation, i % 2 ? "bridge" : "council");
          gloss_annotation_set_note (annotation, "Compare with the other outlets.");
        }
      gloss_annotation_set_add (set, annotation);
    }
  if (n_annotations > 0)
    g_assert (gloss_annotation_set_save (set, NULL, NULL));
}

typedef struct
{
  GlossWindow *window;
  gint64       start;
  gint64       first_screen;
  gint64       first_highlights;
  gint64       highlights;
  gint64       last_paint;
  gint64       last_paint_cpu;  /* thread CPU time at last_paint */
  gint64       longest_gap;
  GArray      *frames;  /* gint64 frame intervals while scrolling */
  gboolean     painted;
} Run;

static GlossArticleView *
the_view (Run *run)
{
  return GLOSS_ARTICLE_VIEW (gloss_columns_get_nth (gloss_window_get_columns (run->window), 0));
}

/* The machine is shared: CPU time of the GTK thread does not count time spent waiting for
 * a core, so it is the figure to compare when the load is high. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_after_paint (GdkFrameClock *clock,
                Run           *run)
{
  gint64 now = g_get_monotonic_time ();
  GlossArticleView *view = gloss_columns_get_n_columns (gloss_window_get_columns (run->window))
                           ? the_view (run) : NULL;
  GtkTextBuffer *buffer = view ? gtk_text_view_get_buffer (gloss_article_view_get_text_view (view))
                               : NULL;

  if (run->first_screen == 0 && buffer != NULL && gtk_text_buffer_get_char_count (buffer) > 0)
    run->first_screen = now;
  if (run->first_highlights == 0 && view != NULL && gloss_article_view_get_annotator (view) != NULL)
    run->first_highlights = now;
  if (run->highlights == 0 && view != NULL && gloss_article_view_get_annotator (view) != NULL &&
      !gloss_article_view_get_loading (view))
    run->highlights = now;
  if (run->last_paint != 0)
    {
      run->longest_gap = MAX (run->longest_gap, now - run->last_paint);
      if (run->frames != NULL)
        {
          gint64 gap = now - run->last_paint;

          g_array_append_val (run->frames, gap);
        }
    }
  run->last_paint = now;
  run->last_paint_cpu = thread_cpu_time ();
  run->painted = TRUE;
}

static void
wait_for_frame (Run *run)
{
  run->painted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (run->window));
  while (!run->painted)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
measure_highlight (Run        *run,
                   const char *where,
                   double      fraction)
{
  GlossArticleView *view = the_view (run);
  GlossAnnotator *annotator = gloss_article_view_get_annotator (view);
  GtkTextView *text_view = gloss_article_view_get_text_view (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  guint length = gtk_text_buffer_get_char_count (buffer);
  gint64 call_total = 0, frame_total = 0, call_max = 0;
  const guint repeats = 20;

  for (guint i = 0; i < repeats; i++)
    {
      GtkTextIter a, b;
      guint start = MIN ((guint) (fraction * length) + i * 997, length - 30);
      gint64 t0, t1, t2;

      gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &b, start + 25);
      gtk_text_buffer_select_range (buffer, &a, &b);
      gtk_text_view_scroll_to_iter (text_view, &a, 0.0, TRUE, 0.0, 0.3);
      wait_for_frame (run);
      wait_for_frame (run);

      t0 = g_get_monotonic_time ();
      g_assert (gloss_annotator_highlight (annotator, "blue") != NULL);
      t1 = g_get_monotonic_time ();
      wait_for_frame (run);
      t2 = g_get_monotonic_time ();
      call_total += t1 - t0;
      call_max = MAX (call_max, t1 - t0);
      frame_total += t2 - t0;
    }

  g_print ("| add a highlight, %s | %.2f ms (max %.2f) | %.1f ms |\n", where,
           call_total / 1000.0 / repeats, call_max / 1000.0, frame_total / 1000.0 / repeats);
}

static void
measure_scrolling (Run *run)
{
  GtkAdjustment *adjustment = gloss_article_view_get_vadjustment (the_view (run));
  double page = gtk_adjustment_get_page_size (adjustment);

  run->frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  run->last_paint = 0;
  for (guint i = 0; i < 300; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + page / 4);
      wait_for_frame (run);
    }
  g_array_sort (run->frames, compare_gint64);
  g_print ("| scrolling, a quarter screen per frame over 300 frames | median %.1f ms, "
           "95th percentile %.1f ms, max %.1f ms |\n",
           g_array_index (run->frames, gint64, run->frames->len / 2) / 1000.0,
           g_array_index (run->frames, gint64, run->frames->len * 95 / 100) / 1000.0,
           g_array_index (run->frames, gint64, run->frames->len - 1) / 1000.0);
  g_clear_pointer (&run->frames, g_array_unref);
}

static GtkWidget *
find_sidebar (GtkWidget *widget)
{
  if (GLOSS_IS_ANNOTATION_SIDEBAR (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_sidebar (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gint64 search_changed_at;
static gint64 search_changed_cpu;
static const char *search_expected;

/* Runs before the sidebar's own handler: the keystroke's cost starts here. */
static gboolean
on_search_changed_hook (GSignalInvocationHint *hint,
                        guint                  n_values,
                        const GValue          *values,
                        gpointer               data)
{
  GtkEditable *entry = g_value_get_object (&values[0]);

  if (search_expected != NULL && g_str_equal (gtk_editable_get_text (entry), search_expected))
    {
      search_changed_at = g_get_monotonic_time ();
      search_changed_cpu = thread_cpu_time ();
    }
  return TRUE;
}

typedef struct
{
  double first;  /* ms until the first frame after the change */
  double cpu;    /* of which the GTK thread spent on the CPU */
  double worst;  /* the longest of those frames */
} Change;

/* After a change made at @t0: the first frame, then up to 3 more, to see whether GTK
 * still had layout to finish. */
static Change
measure_frames (Run   *run,
                gint64 t0,
                gint64 cpu0)
{
  Change change = { 0 };

  run->painted = FALSE;
  while (!run->painted)
    g_main_context_iteration (NULL, TRUE);
  change.first = change.worst = (run->last_paint - t0) / 1000.0;
  change.cpu = (run->last_paint_cpu - cpu0) / 1000.0;
  for (guint i = 0; i < 3; i++)
    {
      gint64 before = g_get_monotonic_time ();

      wait_for_frame (run);
      change.worst = MAX (change.worst, (run->last_paint - before) / 1000.0);
    }

  return change;
}

/* Types @text into the sidebar's search a letter at a time, then deletes it again, as the
 * keyboard does: inserting or deleting one character (gtk_editable_set_text() would empty
 * the entry first, and a search entry reports an empty text at once). */
static void
measure_search (Run        *run,
                GtkWidget  *sidebar,
                const char *text)
{
  GlossAnnotationSidebar *the_sidebar = GLOSS_ANNOTATION_SIDEBAR (sidebar);
  GtkEditable *entry = gloss_annotation_sidebar_get_search_entry (the_sidebar);
  glong n = g_utf8_strlen (text, -1);
  g_autoptr(GString) typed = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);

  for (glong step = 1; step <= 2 * n; step++)
    {
      glong len = step <= n ? step : 2 * n - step;
      g_autofree char *now = g_utf8_substring (text, 0, len);
      Change change;

      int end = (int) g_utf8_strlen (gtk_editable_get_text (entry), -1);

      search_changed_at = 0;
      search_expected = now;
      if (step <= n)
        {
          const char *letter = g_utf8_offset_to_pointer (text, len - 1);

          gtk_editable_insert_text (entry, letter, g_utf8_next_char (letter) - letter, &end);
        }
      else
        gtk_editable_delete_text (entry, end - 1, end);
      g_assert_cmpstr (gtk_editable_get_text (entry), ==, now);
      while (search_changed_at == 0)
        g_main_context_iteration (NULL, TRUE);
      change = measure_frames (run, search_changed_at, search_changed_cpu);
      g_string_append_printf (line, "| `%s` | %s | %.1f ms | %.1f ms | %.1f ms | %s |\n",
                              now[0] ? now : "(empty)", step <= n ? "typed" : "deleted",
                              change.first, change.cpu, change.worst,
                              gloss_annotation_sidebar_get_status (the_sidebar));
    }
  g_print ("%s", line->str);
}

static void
measure_property (Run        *run,
                  GtkWidget  *sidebar,
                  const char *property,
                  const char *value,
                  const char *what)
{
  gint64 t0 = g_get_monotonic_time ();
  gint64 cpu0 = thread_cpu_time ();
  Change change;

  g_object_set (sidebar, property, value, NULL);
  change = measure_frames (run, t0, cpu0);
  g_print ("| %s | | %.1f ms | %.1f ms | %.1f ms | %s |\n", what, change.first, change.cpu,
           change.worst,
           gloss_annotation_sidebar_get_status (GLOSS_ANNOTATION_SIDEBAR (sidebar)));
}

static gboolean
on_quiet (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits until the main loop has nothing else to do (GtkTextView lays a long text out in
 * idles of a higher priority for a while after opening it), at most @seconds. */
static double
wait_until_quiet (guint seconds)
{
  gint64 start = g_get_monotonic_time ();
  gboolean quiet = FALSE;

  g_idle_add_full (G_PRIORITY_LOW, on_quiet, &quiet, NULL);
  while (!quiet && g_get_monotonic_time () - start < seconds * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
measure_sidebar (Run *run)
{
  GtkWidget *sidebar;
  const char *repeat;
  double waited;

  gtk_widget_activate_action (GTK_WIDGET (run->window), "win.show-annotations", NULL);
  for (guint i = 0; i < 20; i++)
    wait_for_frame (run);
  sidebar = find_sidebar (GTK_WIDGET (run->window));
  g_assert (sidebar != NULL && gtk_widget_get_mapped (sidebar));
  g_signal_add_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY), 0,
                              on_search_changed_hook, NULL, NULL);
  g_print ("\n| sidebar: search, colour, grouping | | until redrawn | of which CPU "
           "| longest of next 3 frames | shown |\n| --- | --- | --- | --- | --- | --- |\n");
  g_print ("| *while the article is still being laid out* | | | | | |\n");
  measure_search (run, sidebar, "ferry");

  /* GtkTextView lays the long text out in idles for a while after opening; that work
   * also runs between a keystroke and its frame. The rest is measured without it. */
  waited = wait_until_quiet (120);
  g_print ("| *after the article's layout is done (%.1f s later)* | | | | | |\n", waited / 1000);
  /* GLOSS_BENCH_REPEAT=N types the searches N times: to profile them */
  repeat = g_getenv ("GLOSS_BENCH_REPEAT");
  for (guint64 i = repeat ? g_ascii_strtoull (repeat, NULL, 10) : 1; i > 0; i--)
    {
      measure_search (run, sidebar, "ferry");
      measure_search (run, sidebar, "compare");
    }
  measure_property (run, sidebar, "filter-color", "blue", "colour: blue");
  measure_property (run, sidebar, "filter-color", "", "colour: all");
  measure_property (run, sidebar, "group-by", "tag", "group by tag");
  measure_property (run, sidebar, "group-by", "article", "group by article");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-bench-XXXXXX", NULL);
  g_autoptr(GFile) article = NULL;
  g_autofree char *sidecar = NULL;
  GdkFrameClock *clock;
  Run run = { 0 };
  long rss_before, rss_open;

  if (g_getenv ("GLOSS_BENCH_MB") != NULL)
    article_bytes = (guint) (g_ascii_strtod (g_getenv ("GLOSS_BENCH_MB"), NULL) * 1024 * 1024);
  if (g_getenv ("GLOSS_BENCH_ANNOTATIONS") != NULL)
    n_annotations = (guint) g_ascii_strtoull (g_getenv ("GLOSS_BENCH_ANNOTATIONS"), NULL, 10);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_set_prgname ("gloss");
  g_set_application_name ("Gloss");
  gtk_init ();
  adw_init ();

  article = write_article (dir);
  write_sidecar (article);

  run.window = gloss_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (run.window), 1600, 1000);
  gtk_window_present (GTK_WINDOW (run.window));
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }

  rss_before = bench_rss_kib ();
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (run.window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &run);

  run.start = g_get_monotonic_time ();
  gloss_window_open_files (run.window, &article, 1);
  while (run.highlights == 0)
    g_main_context_iteration (NULL, TRUE);
  rss_open = bench_rss_kib ();

  g_print ("| %.0f MB article, %u annotations | |\n| --- | --- |\n", article_bytes / 1048576.0,
           n_annotations);
  g_print ("| first screen | %.0f ms |\n", (run.first_screen - run.start) / 1000.0);
  g_print ("| first screen with its highlights | %.0f ms |\n",
           (run.first_highlights - run.start) / 1000.0);
  g_print ("| whole text in, every highlight painted | %.0f ms |\n",
           (run.highlights - run.start) / 1000.0);
  g_print ("| longest frame gap while opening | %.0f ms |\n", run.longest_gap / 1000.0);
  g_print ("| memory above the empty window's, once open | %.0f MB |\n",
           (rss_open - rss_before) / 1024.0);

  if (g_strcmp0 (g_getenv ("GLOSS_BENCH_ONLY"), "sidebar") != 0)
    {
      measure_highlight (&run, "start", 0.0);
      measure_highlight (&run, "middle", 0.5);
      measure_highlight (&run, "end", 0.999);
      measure_scrolling (&run);
    }
  measure_sidebar (&run);

  gtk_window_destroy (GTK_WINDOW (run.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  sidecar = g_strconcat (g_file_peek_path (article), ".annotations.json", NULL);
  g_remove (sidecar);
  g_file_delete (article, NULL, NULL);
  g_rmdir (dir);

  return 0;
}
