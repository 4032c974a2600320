/* test-window.c: the real window, driven through its actions under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-article-buffer.h"
#include "gloss-window-private.h"
#include "ui-utils.h"

static void
test_open_three (void)
{
  GlossWindow *window = open_samples (1500, 900);
  GtkWidget *focus;

  g_assert_cmpuint (n_columns (window), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GFile) file = sample_file (sample_names[i]);
      g_autoptr(GlossArticle) article = gloss_article_load (file, NULL, NULL);
      g_autofree char *expected = gloss_article_dup_display_title (article);
      g_autofree char *title = gloss_article_view_dup_title (column (window, i));
      g_autofree char *text = buffer_text (column (window, i));

      g_assert_null (gloss_article_view_get_error (column (window, i)));
      /* Titles come from each article's metadata, not from its file name. */
      g_assert_nonnull (gloss_article_get_title (article));
      g_assert_cmpstr (title, ==, expected);
      g_assert_cmpstr (text, ==, gloss_article_get_text (article));
    }

  /* The first column has the keyboard focus, in its text. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == GTK_WIDGET (gloss_article_view_get_text_view (column (window, 0))));
  g_assert_true (gloss_window_get_current_view (window) == column (window, 0));

  /* Opened articles are in the recent files (XDG_DATA_HOME is the test's own). */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GFile) file = sample_file (sample_names[i]);
      g_autofree char *uri = g_file_get_uri (file);

      g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
    }

  save_screenshot (window, "three-articles");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_close (void)
{
  GlossWindow *window = open_samples (1500, 900);
  g_autofree char *second = gloss_article_view_dup_title (column (window, 1));
  g_autofree char *now_first = NULL;

  activate (window, "win.close-article");
  g_assert_cmpuint (n_columns (window), ==, 2);
  now_first = gloss_article_view_dup_title (column (window, 0));
  g_assert_cmpstr (now_first, ==, second);
  g_assert_true (gloss_window_get_current_view (window) == column (window, 0));

  /* A column's own close button does the same. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (column (window, 1)), "column.close",
                                             NULL));
  g_assert_cmpuint (n_columns (window), ==, 1);
  activate (window, "win.close-article");
  g_assert_cmpuint (n_columns (window), ==, 0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-article", NULL) &&
                  n_columns (window) != 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_reorder (void)
{
  GlossWindow *window = open_samples (1500, 900);
  GlossArticleView *first = column (window, 0);

  activate (window, "win.move-article-right");
  g_assert_true (column (window, 1) == first);
  activate (window, "win.move-article-right");
  g_assert_true (column (window, 2) == first);
  activate (window, "win.move-article-left");
  g_assert_true (column (window, 1) == first);

  /* Dropping a column's header on another column puts it there. */
  g_signal_emit_by_name (column (window, 0), "view-dropped", first);
  g_assert_true (column (window, 0) == first);
  g_signal_emit_by_name (column (window, 2), "view-dropped", first);
  g_assert_true (column (window, 2) == first);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_zoom (void)
{
  GlossWindow *window = open_samples (1500, 900);
  GtkTextView *text_view = gloss_article_view_get_text_view (column (window, 2));
  int gap = gtk_text_view_get_pixels_below_lines (text_view);

  activate (window, "win.zoom-in");
  activate (window, "win.zoom-in");
  g_assert_cmpfloat_with_epsilon (gloss_window_get_zoom (window), 1.2, 0.001);
  /* every column follows, the last one too */
  g_assert_cmpint (gtk_text_view_get_pixels_below_lines (text_view), >, gap);

  activate (window, "win.zoom-out");
  g_assert_cmpfloat_with_epsilon (gloss_window_get_zoom (window), 1.1, 0.001);
  activate (window, "win.zoom-reset");
  g_assert_cmpfloat_with_epsilon (gloss_window_get_zoom (window), 1.0, 0.001);
  g_assert_cmpint (gtk_text_view_get_pixels_below_lines (text_view), ==, gap);

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
count_matches (const char *text,
               const char *needle)
{
  g_autofree char *folded_text = g_utf8_casefold (text, -1);
  g_autofree char *folded_needle = g_utf8_casefold (needle, -1);
  guint count = 0;

  for (const char *p = strstr (folded_text, folded_needle); p != NULL;
       p = strstr (p + strlen (folded_needle), folded_needle))
    count++;

  return count;
}

static gboolean
search_done (gpointer data)
{
  return gloss_window_get_search_status (data) != NULL;
}

static void
test_find (void)
{
  GlossWindow *window = open_samples (1500, 900);
  GtkEditable *entry = gloss_window_get_search_entry (window);
  GlossArticleView *first = column (window, 0);
  guint in_first = count_matches (gloss_article_get_text (gloss_article_view_get_article (first)),
                                  "Bridge");
  guint in_all = 0;
  g_autofree char *expected = NULL;
  g_autofree char *expected_all = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *selected = NULL;

  for (guint i = 0; i < 3; i++)
    in_all += count_matches (gloss_article_get_text (gloss_article_view_get_article (column (window, i))),
                             "Bridge");
  g_assert_cmpuint (in_first, >, 1);
  g_assert_cmpuint (in_all, >, in_first);

  activate (window, "win.find");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (entry)) ||
                 gtk_widget_is_focus (gtk_root_get_focus (GTK_ROOT (window))));
  gtk_editable_set_text (entry, "Bridge");
  run_until (search_done, window);

  expected = g_strdup_printf ("1 of %u", in_first);
  g_assert_cmpstr (gloss_window_get_search_status (window), ==, expected);

  activate (window, "win.find-next");
  g_free (expected);
  expected = g_strdup_printf ("2 of %u", in_first);
  g_assert_cmpstr (gloss_window_get_search_status (window), ==, expected);

  /* The match is selected in the text. */
  buffer = gtk_text_view_get_buffer (gloss_article_view_get_text_view (first));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_iter_get_text (&start, &end);
  g_assert_cmpstr (g_utf8_casefold (selected, -1), ==, "bridge");

  /* Backwards from the first wraps to the last. */
  activate (window, "win.find-previous");
  activate (window, "win.find-previous");
  g_free (expected);
  expected = g_strdup_printf ("%u of %u", in_first, in_first);
  g_assert_cmpstr (gloss_window_get_search_status (window), ==, expected);

  /* Across all articles. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  {
    GtkWidget *bar = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_SEARCH_BAR);
    GtkWidget *check = NULL;

    for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (entry)));
         w != NULL; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_CHECK_BUTTON (w))
        check = w;
    g_assert_nonnull (bar);
    g_assert_nonnull (check);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  }
  expected_all = g_strdup_printf ("1 of %u", in_all);
  g_assert_cmpstr (gloss_window_get_search_status (window), ==, expected_all);

  /* Stepping past the first column's matches moves to the next column. */
  for (guint i = 0; i < in_first; i++)
    activate (window, "win.find-next");
  g_assert_true (gloss_window_get_current_view (window) == column (window, 1));

  gtk_editable_set_text (entry, "no such words anywhere");
  run_until (search_done, window);
  g_assert_cmpstr (gloss_window_get_search_status (window), ==, "No matches");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_folded (gpointer data)
{
  return gloss_columns_get_folded (gloss_window_get_columns (data));
}

static gboolean
is_unfolded (gpointer data)
{
  return !is_folded (data);
}

static void
test_narrow (void)
{
  GlossWindow *window = open_samples (480, 800);
  GlossColumns *columns = gloss_window_get_columns (window);

  run_until (is_folded, window);
  g_assert_true (gloss_columns_get_visible_child (columns) == GTK_WIDGET (column (window, 0)));
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (column (window, 0))));
  g_assert_false (gtk_widget_get_child_visible (GTK_WIDGET (column (window, 1))));
  save_screenshot (window, "narrow");

  activate (window, "win.next-article");
  g_assert_true (gloss_columns_get_visible_child (columns) == GTK_WIDGET (column (window, 1)));
  activate (window, "win.previous-article");
  activate (window, "win.previous-article");
  g_assert_true (gloss_columns_get_visible_child (columns) == GTK_WIDGET (column (window, 2)));

  /* Wide again: every column shows. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 800);
  run_until (is_unfolded, window);
  for (guint i = 0; i < 3; i++)
    g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (column (window, i))));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_folder (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  GlossWindow *window = open_window (1500, 900, &folder, 1);

  g_assert_cmpuint (n_columns (window), ==, G_N_ELEMENTS (sample_names));
  for (guint i = 0; i < G_N_ELEMENTS (sample_names); i++)
    {
      g_autofree char *name = g_file_get_basename (gloss_article_view_get_file (column (window, i)));

      g_assert_cmpstr (name, ==, sample_names[i]);
    }

  /* Opening an article again focuses its column instead of adding one. */
  gloss_window_open_files (window, &(GFile *) { gloss_article_view_get_file (column (window, 2)) },
                           1);
  run_until (window_settled, window);
  g_assert_cmpuint (n_columns (window), ==, G_N_ELEMENTS (sample_names));
  g_assert_true (gloss_window_get_current_view (window) == column (window, 2));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_session (void)
{
  GlossWindow *window = open_samples (1100, 700);
  GlossWindow *restored;

  /* reorder first, to see that the order is kept too */
  activate (window, "win.move-article-right");
  gtk_window_close (GTK_WINDOW (window));

  restored = gloss_window_new (NULL);
  gloss_window_restore_session (restored);
  gtk_window_present (GTK_WINDOW (restored));
  run_until (window_settled, restored);

  g_assert_cmpuint (n_columns (restored), ==, 3);
  {
    const char *expected[] = { sample_names[1], sample_names[0], sample_names[2] };

    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *name = g_file_get_basename (gloss_article_view_get_file (column (restored, i)));

        g_assert_cmpstr (name, ==, expected[i]);
      }
  }
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (restored), &width, &height);
    g_assert_cmpint (width, ==, 1100);
    g_assert_cmpint (height, ==, 700);
  }

  gtk_window_destroy (GTK_WINDOW (restored));
}

static void
test_bad_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "image.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GlossWindow *window;

  g_file_set_contents (path, "\x89PNG\r\n\x1a\n\0\0\0", 11, NULL);
  window = open_window (1000, 700, &file, 1);

  /* The column stays and says why, instead of failing silently. */
  g_assert_cmpuint (n_columns (window), ==, 1);
  g_assert_nonnull (gloss_article_view_get_error (column (window, 0)));
  g_assert_nonnull (strstr (gloss_article_view_get_error (column (window, 0)), "binary"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

static void
test_large_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) data = g_string_new (NULL);
  GlossWindow *window;
  GtkTextBuffer *buffer;

  while (data->len < 4 * 1024 * 1024)
    g_string_append (data, "A paragraph of a long article, with \xe2\x80\x9cquotes\xe2\x80\x9d.\n\n");
  g_file_set_contents (path, data->str, data->len, NULL);

  window = open_window (1000, 700, &file, 1);
  buffer = gtk_text_view_get_buffer (gloss_article_view_get_text_view (column (window, 0)));
  g_assert_true (gloss_article_buffer_get_loaded (GLOSS_ARTICLE_BUFFER (buffer)));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==,
                   gloss_article_get_length (gloss_article_view_get_article (column (window, 0))));

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status = ui_test_init (&argc, &argv);

  if (status != 0)
    return status;

  g_test_add_func ("/gloss/window/open-three", test_open_three);
  g_test_add_func ("/gloss/window/close", test_close);
  g_test_add_func ("/gloss/window/reorder", test_reorder);
  g_test_add_func ("/gloss/window/zoom", test_zoom);
  g_test_add_func ("/gloss/window/find", test_find);
  g_test_add_func ("/gloss/window/narrow", test_narrow);
  g_test_add_func ("/gloss/window/open-folder", test_open_folder);
  g_test_add_func ("/gloss/window/session", test_session);
  g_test_add_func ("/gloss/window/bad-file", test_bad_file);
  g_test_add_func ("/gloss/window/large-file", test_large_file);

  return g_test_run ();
}
