/* test-compare.c: Compare marks what the open articles share, and lines it up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gloss-compare-marks.h"
#include "gloss-window-private.h"
#include "ui-utils.h"

/* The three samples quote the same 57-word statement of the engineers. */
#define QUOTE "The engineers found cracking in the"

static GlossCompareMarks *
marks_of (GlossWindow *window,
          guint        i)
{
  return gloss_article_view_get_compare_marks (column (window, i));
}

static GtkTextBuffer *
buffer_of (GlossWindow *window,
           guint        i)
{
  return gtk_text_view_get_buffer (gloss_article_view_get_text_view (column (window, i)));
}

static gboolean
compared (gpointer data)
{
  GlossWindow *window = data;

  if (gloss_window_get_comparison (window) == NULL)
    return FALSE;
  for (guint i = 0; i < n_columns (window); i++)
    if (gloss_compare_marks_get_comparison (marks_of (window, i)) == NULL)
      return FALSE;

  return TRUE;
}

static void
quote_iter (GlossWindow *window,
            guint        i,
            GtkTextIter *iter)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_start_iter (buffer_of (window, i), &start);
  g_assert_true (gtk_text_iter_forward_search (&start, QUOTE, GTK_TEXT_SEARCH_TEXT_ONLY,
                                               iter, &end, NULL));
}

static gboolean
has_mark (GlossWindow      *window,
          guint             i,
          GlossCompareMark  mark)
{
  GtkTextIter iter;

  quote_iter (window, i, &iter);
  gtk_text_iter_forward_chars (&iter, 10);
  return gtk_text_iter_has_tag (&iter, gloss_compare_marks_get_tag (marks_of (window, i), mark));
}

/* Where the quote starts in column @i, in the column's own coordinates. */
static int
quote_y (GlossWindow *window,
         guint        i)
{
  GtkTextView *text_view = gloss_article_view_get_text_view (column (window, i));
  GtkTextIter iter;
  GdkRectangle rect;
  int y;

  quote_iter (window, i, &iter);
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, 0, rect.y, NULL, &y);
  return y;
}

static void
assert_level_within (GlossWindow *window,
                     int          tolerance)
{
  int y0 = quote_y (window, 0);

  for (guint i = 1; i < n_columns (window); i++)
    {
      g_test_message ("quote at y %d in column 0, %d in column %u", y0, quote_y (window, i), i);
      g_assert_cmpint (ABS (quote_y (window, i) - y0), <=, tolerance);
    }
}

static void
assert_level (GlossWindow *window)
{
  assert_level_within (window, 4);
}

static void
scroll_all_to_top (GlossWindow *window)
{
  for (guint i = 0; i < n_columns (window); i++)
    gtk_adjustment_set_value (gloss_article_view_get_vadjustment (column (window, i)), 0);
  run_for (50);
}

/* Words another article has differently are marked, a little after the passages. */
static gboolean
has_changes (gpointer data)
{
  GlossWindow *window = data;

  for (guint i = 0; i < n_columns (window); i++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_start_iter (buffer_of (window, i), &iter);
      if (!gtk_text_iter_forward_to_tag_toggle (
             &iter, gloss_compare_marks_get_tag (marks_of (window, i), GLOSS_COMPARE_MARK_CHANGED)))
        return FALSE;
    }

  return TRUE;
}

static void
turn_on (GlossWindow *window)
{
  gint64 start = g_get_monotonic_time ();

  activate (window, "win.compare");
  run_until (compared, window);
  g_test_message ("compared and marked in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
}

static void
test_marks (void)
{
  GlossWindow *window = open_samples (1500, 900);
  GlossComparison *comparison;

  g_assert_cmpuint (n_columns (window), ==, 3);
  turn_on (window);

  comparison = gloss_window_get_comparison (window);
  g_assert_cmpuint (gloss_comparison_get_n_articles (comparison), ==, 3);
  g_assert_cmpuint (gloss_comparison_get_n_passages (comparison), >, 0);

  for (guint i = 0; i < 3; i++)
    {
      const char *summary = gloss_article_view_get_compare_summary (column (window, i));

      /* the quote is one passage, marked in every column */
      g_assert_true (has_mark (window, i, GLOSS_COMPARE_MARK_SHARED));
      g_assert_false (has_mark (window, i, GLOSS_COMPARE_MARK_DIMMED));
      g_assert_nonnull (summary);
      g_assert_nonnull (strstr (summary, "%"));
      g_test_message ("column %u: %s", i, summary);
    }

  run_until (has_changes, window);
  save_screenshot (window, "compare");

  /* Only what is unique: the shared text is dimmed, and not any more when turned off. */
  activate (window, "win.show-unique");
  for (guint i = 0; i < 3; i++)
    g_assert_true (has_mark (window, i, GLOSS_COMPARE_MARK_DIMMED));
  save_screenshot (window, "compare-unique");
  activate (window, "win.show-unique");
  for (guint i = 0; i < 3; i++)
    g_assert_false (has_mark (window, i, GLOSS_COMPARE_MARK_DIMMED));

  /* Off: every mark and summary goes. */
  activate (window, "win.compare");
  g_assert_null (gloss_window_get_comparison (window));
  for (guint i = 0; i < 3; i++)
    {
      GtkTextBuffer *buffer = buffer_of (window, i);

      for (GlossCompareMark mark = 0; mark <= GLOSS_COMPARE_MARK_DIMMED; mark++)
        {
          GtkTextIter iter;

          gtk_text_buffer_get_start_iter (buffer, &iter);
          g_assert_false (gtk_text_iter_forward_to_tag_toggle (
                            &iter, gloss_compare_marks_get_tag (marks_of (window, i), mark)));
        }
      g_assert_null (gloss_article_view_get_compare_summary (column (window, i)));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_jump (void)
{
  GlossWindow *window = open_samples (1500, 900);
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  int quote, passage;
  double before[3];

  turn_on (window);
  g_assert_true (gloss_window_get_current_view (window) == column (window, 0));

  /* Next passage moves the caret into a shared passage, and again to a later one. */
  buffer = buffer_of (window, 0);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  activate (window, "win.next-passage");
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), >, 0);
  g_assert_cmpint (gloss_compare_marks_passage_at (marks_of (window, 0),
                                                   gtk_text_iter_get_offset (&iter)), >=, 0);

  /* Next passage from just before the quote goes to it, and lines the other columns up. */
  scroll_all_to_top (window);
  for (guint i = 0; i < 3; i++)
    before[i] = gtk_adjustment_get_value (gloss_article_view_get_vadjustment (column (window, i)));
  quote_iter (window, 0, &iter);
  quote = gloss_compare_marks_passage_at (marks_of (window, 0), gtk_text_iter_get_offset (&iter));
  g_assert_cmpint (quote, >=, 0);
  gtk_text_iter_backward_char (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  activate (window, "win.next-passage");
  run_for (100);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gloss_compare_marks_passage_at (marks_of (window, 0),
                                                   gtk_text_iter_get_offset (&iter)), ==, quote);
  for (guint i = 0; i < 3; i++)
    {
      GtkAdjustment *adjustment = gloss_article_view_get_vadjustment (column (window, i));

      g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), !=, before[i]);
      g_assert_cmpint (gloss_compare_marks_get_marked (marks_of (window, i)), ==, quote);
      g_assert_true (has_mark (window, i, GLOSS_COMPARE_MARK_COUNTERPART));
    }
  assert_level (window);
  save_screenshot (window, "compare-aligned");

  /* Activating the quote in another column (a click, or Enter at the caret) lines the
   * others up with that one. */
  scroll_all_to_top (window);
  gtk_adjustment_set_value (gloss_article_view_get_vadjustment (column (window, 2)), 120);
  run_for (50);
  quote_iter (window, 2, &iter);
  passage = gloss_compare_marks_passage_at (marks_of (window, 2), gtk_text_iter_get_offset (&iter));
  g_assert_cmpint (passage, ==, quote);
  g_signal_emit_by_name (marks_of (window, 2), "activated", passage);
  run_for (100);
  assert_level (window);

  /* Hovering marks a passage in every column; leaving marks the activated one again. */
  passage = quote == 0 ? 1 : 0;
  g_signal_emit_by_name (marks_of (window, 1), "hovered", passage);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (gloss_compare_marks_get_marked (marks_of (window, i)), ==, passage);
  g_assert_false (has_mark (window, 0, GLOSS_COMPARE_MARK_COUNTERPART));
  g_signal_emit_by_name (marks_of (window, 1), "hovered", -1);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (gloss_compare_marks_get_marked (marks_of (window, i)), ==, quote);
  g_assert_true (has_mark (window, 0, GLOSS_COMPARE_MARK_COUNTERPART));

  /* Scrolling together keeps a passage at the top level in every column. */
  g_object_set (window, "scroll-together", TRUE, NULL);
  scroll_all_to_top (window);
  {
    GtkTextView *text_view = gloss_article_view_get_text_view (column (window, 0));
    GdkRectangle rect;

    quote_iter (window, 0, &iter);
    gtk_text_view_get_iter_location (text_view, &iter, &rect);
    gtk_adjustment_set_value (gloss_article_view_get_vadjustment (column (window, 0)),
                              rect.y - 40);
  }
  run_for (100);
  /* Scrolling follows the first shared passage that reaches below the top, through it in
   * proportion: where a shorter passage ends on the quote's first line, that one leads,
   * and the quote comes out within a line. */
  assert_level_within (window, 24);
  g_object_set (window, "scroll-together", FALSE, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
compared_two (gpointer data)
{
  return compared (data) &&
         gloss_comparison_get_n_articles (gloss_window_get_comparison (data)) == 2;
}

static gboolean
compared_three (gpointer data)
{
  return compared (data) &&
         gloss_comparison_get_n_articles (gloss_window_get_comparison (data)) == 3;
}

/* A column closed or opened while Compare is on is compared again. */
static void
test_columns_change (void)
{
  GlossWindow *window = open_samples (1500, 900);
  GlossComparison *first;
  g_autoptr(GFile) file = sample_file (sample_names[0]);

  turn_on (window);
  first = gloss_window_get_comparison (window);
  g_assert_cmpuint (gloss_comparison_get_n_articles (first), ==, 3);

  activate (window, "win.close-article");
  g_assert_cmpuint (n_columns (window), ==, 2);
  run_until (compared_two, window);
  g_assert_true (has_mark (window, 0, GLOSS_COMPARE_MARK_SHARED));
  g_assert_true (has_mark (window, 1, GLOSS_COMPARE_MARK_SHARED));

  gloss_window_open_files (window, &file, 1);
  g_assert_cmpuint (n_columns (window), ==, 3);
  run_until (compared_three, window);
  for (guint i = 0; i < 3; i++)
    g_assert_true (has_mark (window, i, GLOSS_COMPARE_MARK_SHARED));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status = ui_test_init (&argc, &argv);

  if (status != 0)
    return status;

  g_test_add_func ("/gloss/compare/marks", test_marks);
  g_test_add_func ("/gloss/compare/jump", test_jump);
  g_test_add_func ("/gloss/compare/columns-change", test_columns_change);

  return g_test_run ();
}
