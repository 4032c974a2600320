/* ui-utils.c: what the UI tests share: opening windows, waiting, screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ui-utils.h"

/* The three sample articles: one story told by three outlets. */
const char * const sample_names[N_SAMPLES] = {
  "coastal-courier.txt",
  "harbor-gazette.md",
  "valley-tribune.html",
};

GFile *
sample_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", name,
                                                 NULL);

  return g_file_new_for_path (path);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done returns TRUE, failing after TIMEOUT_SECONDS. */
void
run_until (gboolean (*done) (gpointer),
           gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;
  guint source = g_timeout_add (20, wake_up, NULL);

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  /* let pending redraws and idles run too */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (source);
}

gboolean
window_settled (gpointer data)
{
  return !gloss_window_get_busy (data);
}

GlossWindow *
open_window (int          width,
             int          height,
             GFile      **files,
             guint        n_files)
{
  GlossWindow *window = gloss_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gloss_window_open_files (window, files, n_files);
  run_until (window_settled, window);

  return window;
}

/* Opens the three samples side by side and waits until they are in their columns. */
GlossWindow *
open_samples (int width,
              int height)
{
  GFile *files[N_SAMPLES];
  GlossWindow *window;

  for (guint i = 0; i < N_SAMPLES; i++)
    files[i] = sample_file (sample_names[i]);
  window = open_window (width, height, files, N_SAMPLES);
  for (guint i = 0; i < N_SAMPLES; i++)
    g_object_unref (files[i]);

  return window;
}

GlossArticleView *
column (GlossWindow *window,
        guint        i)
{
  return GLOSS_ARTICLE_VIEW (gloss_columns_get_nth (gloss_window_get_columns (window), i));
}

guint
n_columns (GlossWindow *window)
{
  return gloss_columns_get_n_columns (gloss_window_get_columns (window));
}

char *
buffer_text (GlossArticleView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (gloss_article_view_get_text_view (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
activate (GlossWindow *window,
          const char  *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Waits for the window to paint a frame: every widget in it is allocated then. */
static void
wait_for_frame (GlossWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong handler;

  if (clock == NULL)
    return;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  run_until (is_true, &painted);
  g_signal_handler_disconnect (clock, handler);
}

/* Saves what the window shows, for people to look at: tests/ui/screenshots/NAME.png */
void
save_screenshot (GlossWindow *window,
                 const char  *name)
{
  /* The window's content: a paintable of the toplevel itself renders nothing. */
  GtkWidget *widget = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  GdkPaintable *paintable;

  wait_for_frame (window);
  paintable = gtk_widget_paintable_new (widget);

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_object_unref (paintable);
  if (node == NULL || renderer == NULL)
    {
      g_test_message ("no screenshot: nothing rendered");
      return;
    }

  texture = gsk_renderer_render_texture (renderer, node, NULL);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static gboolean
time_is_up (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

/* Runs the main loop for a while: for timers of the code under test. */
void
run_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  run_until (time_is_up, &end);
}

static GtkRevealer *
find_banner (GtkWidget *widget)
{
  if (GTK_IS_REVEALER (widget))
    {
      GtkWidget *child = gtk_revealer_get_child (GTK_REVEALER (widget));

      if (child != NULL && gtk_widget_has_css_class (child, "column-banner"))
        return GTK_REVEALER (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkRevealer *found = find_banner (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Returns: (nullable): what the column's banner says, or NULL when it is hidden */
const char *
banner_text (GlossArticleView *view)
{
  GtkRevealer *banner = find_banner (GTK_WIDGET (view));
  GtkWidget *child;

  g_assert_nonnull (banner);
  if (!gtk_revealer_get_reveal_child (banner))
    return NULL;
  child = gtk_widget_get_first_child (gtk_revealer_get_child (banner));
  g_assert_true (GTK_IS_LABEL (child));
  return gtk_label_get_label (GTK_LABEL (child));
}

/* Skips (77) without a display; else sets up GTK and libadwaita for the tests. */
int
ui_test_init (int    *argc,
              char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  g_test_init (argc, argv, NULL);
  g_set_prgname ("gloss");
  g_set_application_name ("Gloss");
  gtk_init ();
  adw_init ();
  return 0;
}
