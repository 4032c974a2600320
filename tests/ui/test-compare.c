/* test-compare.c: Compare marks what the open articles share, and lines it up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-compare-annotate-popover.h"
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

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Where @passage starts in column @i, from the top of what the column shows; or G_MAXINT
 * when it is not in that column. */
static int
passage_top (GlossWindow *window,
             guint        i,
             guint        passage)
{
  GtkAdjustment *adjustment = gloss_article_view_get_vadjustment (column (window, i));
  int y, height;

  if (!gloss_compare_marks_get_extent (marks_of (window, i), passage, &y, &height))
    return G_MAXINT;
  return y - (int) gtk_adjustment_get_value (adjustment);
}

static int
passage_height (GlossWindow *window,
                guint        i,
                guint        passage)
{
  int y, height;

  g_assert_true (gloss_compare_marks_get_extent (marks_of (window, i), passage, &y, &height));
  return height;
}

/* Whether column @i could scroll to @value, not stopped by its top or bottom. */
static gboolean
can_scroll_to (GlossWindow *window,
               guint        i,
               double       value)
{
  GtkAdjustment *adjustment = gloss_article_view_get_vadjustment (column (window, i));

  return value > gtk_adjustment_get_lower (adjustment) &&
         value < gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
}

/* Scrolling together with Compare on keeps the shared passages level in every column as
 * they pass the reading line, and moves through a passage at its pace in each column. */
static void
test_scroll_together (void)
{
  GlossWindow *window = open_samples (1500, 900);
  GlossComparison *comparison;
  GtkAdjustment *source;
  GtkTextIter iter;
  double page, anchor;
  guint level = 0;
  int quote;

  turn_on (window);
  g_object_set (window, "scroll-together", TRUE, NULL);
  scroll_all_to_top (window);
  comparison = gloss_window_get_comparison (window);
  source = gloss_article_view_get_vadjustment (column (window, 0));
  page = gtk_adjustment_get_page_size (source);
  anchor = GLOSS_COMPARE_MARKS_ANCHOR * page;

  /* Each passage of the first column, brought to the reading line there, is level in every
   * other column that has it too (where that column can scroll so far). */
  for (guint p = 0; p < gloss_comparison_get_n_passages (comparison); p++)
    {
      int y, height;

      if (!gloss_compare_marks_get_extent (marks_of (window, 0), p, &y, &height))
        continue;
      gtk_adjustment_set_value (source, y - anchor);
      run_for (50);
      for (guint i = 1; i < 3; i++)
        {
          int other_y, other_height;

          if (!gloss_compare_marks_get_extent (marks_of (window, i), p, &other_y, &other_height) ||
              !can_scroll_to (window, i, other_y - anchor))
            continue;
          g_test_message ("passage %u: at %d in column 0, %d in column %u", p,
                          passage_top (window, 0, p), passage_top (window, i, p), i);
          g_assert_cmpint (ABS (passage_top (window, i, p) - passage_top (window, 0, p)), <=, 1);
          level++;
        }
    }
  g_assert_cmpuint (level, >=, 4);

  /* Halfway through the quote in the first column, the others are halfway through theirs,
   * however long it is there. */
  quote_iter (window, 0, &iter);
  quote = gloss_compare_marks_passage_at (marks_of (window, 0), gtk_text_iter_get_offset (&iter));
  g_assert_cmpint (quote, >=, 0);
  {
    int y, height;

    g_assert_true (gloss_compare_marks_get_extent (marks_of (window, 0), quote, &y, &height));
    gtk_adjustment_set_value (source, y + height / 2.0 - anchor);
    run_for (50);
  }
  for (guint i = 0; i < 3; i++)
    {
      double expected = anchor - passage_height (window, i, quote) / 2.0;

      g_test_message ("quote at %d in column %u, %.0f expected", passage_top (window, i, quote),
                      i, expected);
      g_assert_cmpfloat (ABS (passage_top (window, i, quote) - expected), <=, 2.0);
    }
  save_screenshot (window, "compare-scroll-together");

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

/* Copies of the samples in a new folder, so that the sidecars written are the test's own. */
static char *
copy_samples (GFile **files)
{
  char *dir = g_dir_make_tmp ("gloss-compare-XXXXXX", NULL);

  g_assert_nonnull (dir);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      g_autoptr(GFile) source = sample_file (sample_names[i]);
      g_autofree char *path = g_build_filename (dir, sample_names[i], NULL);

      files[i] = g_file_new_for_path (path);
      g_assert_true (g_file_copy (source, files[i], G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
    }

  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

typedef struct
{
  GFile **files;
  guint   n_expected;  /* annotations each sidecar must hold */
} SidecarWait;

static JsonArray *
sidecar_annotations (GFile      *file,
                     JsonParser *parser)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *sidecar = g_strconcat (path, ".annotations.json", NULL);
  JsonNode *root;

  if (!g_file_test (sidecar, G_FILE_TEST_EXISTS) ||
      !json_parser_load_from_file (parser, sidecar, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_get_array_member (json_node_get_object (root), "annotations");
}

static gboolean
sidecars_hold (gpointer data)
{
  SidecarWait *wait = data;

  for (guint i = 0; i < N_SAMPLES; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *annotations = sidecar_annotations (wait->files[i], parser);

      if (annotations == NULL || json_array_get_length (annotations) != wait->n_expected)
        return FALSE;
    }

  return TRUE;
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* A shared passage becomes a highlight in every column at once, with one colour, tags and
 * note, saved in every sidecar; one Undo takes them all back. */
static void
test_annotate_everywhere (void)
{
  GFile *files[N_SAMPLES];
  g_autofree char *dir = copy_samples (files);
  GlossWindow *window = open_window (1500, 900, files, N_SAMPLES);
  GlossAnnotationHistory *history = gloss_window_get_history (window);
  GtkWidget *popover;
  GtkTextIter iter;
  guint quote_offset[N_SAMPLES];
  int quote;
  SidecarWait wait = { files, 1 };

  turn_on (window);
  for (guint i = 0; i < N_SAMPLES; i++)
    g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (gloss_article_view_get_annotations (column (window, i)))),
                      ==, 0);

  /* Outside a shared passage there is nothing to highlight: a toast says so. */
  gloss_article_view_focus_text (column (window, 1));
  run_for (50);
  g_assert_true (gloss_window_get_current_view (window) == column (window, 1));
  gtk_text_buffer_get_start_iter (buffer_of (window, 1), &iter);
  gtk_text_buffer_place_cursor (buffer_of (window, 1), &iter);
  g_assert_cmpint (gloss_compare_marks_get_target (marks_of (window, 1)), <, 0);
  activate (window, "win.annotate-passage");
  g_assert_false (gloss_annotation_history_get_can_undo (history));

  /* The caret in the quote of the middle column, and the shortcut. */
  quote_iter (window, 1, &iter);
  gtk_text_iter_forward_chars (&iter, 10);
  gtk_text_buffer_place_cursor (buffer_of (window, 1), &iter);
  quote = gloss_compare_marks_get_target (marks_of (window, 1));
  g_assert_cmpint (quote, >=, 0);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      quote_iter (window, i, &iter);
      quote_offset[i] = gtk_text_iter_get_offset (&iter);
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate-passage", NULL));
  popover = gloss_compare_marks_get_annotate_popover (marks_of (window, 1));
  g_assert_nonnull (popover);
  run_until (popover_shown, popover);
  /* typing goes to the tags (the entry's text, inside it, has the focus) */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *entry = GTK_WIDGET (gloss_compare_annotate_popover_get_tags (
                                     GLOSS_COMPARE_ANNOTATE_POPOVER (popover)));

    g_assert_nonnull (focus);
    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }

  gloss_compare_annotate_popover_set_color (GLOSS_COMPARE_ANNOTATE_POPOVER (popover), "green");
  gtk_editable_set_text (gloss_compare_annotate_popover_get_tags (
                           GLOSS_COMPARE_ANNOTATE_POPOVER (popover)), "FSB chief, statement, ");
  gtk_text_buffer_set_text (gloss_compare_annotate_popover_get_note (
                              GLOSS_COMPARE_ANNOTATE_POPOVER (popover)),
                            "All three quote the engineers", -1);
  g_assert_true (gtk_widget_activate_action (popover, "compare-annotate.apply", NULL));
  run_for (50);
  g_assert_false (gtk_widget_get_visible (popover));

  /* One highlight per column, over the quote, each with the colour, tags and note. */
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      GListModel *set = G_LIST_MODEL (gloss_article_view_get_annotations (column (window, i)));
      g_autoptr(GlossAnnotation) annotation = NULL;
      const char * const *tags;

      g_assert_cmpuint (g_list_model_get_n_items (set), ==, 1);
      annotation = g_list_model_get_item (set, 0);
      g_test_message ("column %u: %u–%u", i, gloss_annotation_get_start (annotation),
                      gloss_annotation_get_end (annotation));
      g_assert_cmpuint (gloss_annotation_get_start (annotation), <=, quote_offset[i]);
      g_assert_cmpuint (gloss_annotation_get_end (annotation), >, quote_offset[i] + 60);
      g_assert_cmpstr (gloss_annotation_get_color (annotation), ==, "green");
      tags = gloss_annotation_get_tags (annotation);
      g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
      g_assert_cmpstr (tags[0], ==, "FSB chief");
      g_assert_cmpstr (tags[1], ==, "statement");
      g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "All three quote the engineers");
      g_assert_nonnull (strstr (gloss_annotation_get_exact (annotation), QUOTE));
    }
  g_assert_cmpstr (gloss_annotation_history_get_undo_label (history), ==,
                   "Highlight in Every Article");

  /* Saved by each column, as any edit. */
  run_until (sidecars_hold, &wait);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *saved = json_array_get_object_element (sidecar_annotations (files[i], parser), 0);

      g_assert_cmpstr (json_object_get_string_member (saved, "color"), ==, "green");
      g_assert_cmpstr (json_object_get_string_member (saved, "note"), ==,
                       "All three quote the engineers");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (saved, "tags")),
                        ==, 2);
    }

  /* One Undo takes every highlight back, and the sidecars follow. */
  activate (window, "win.undo");
  for (guint i = 0; i < N_SAMPLES; i++)
    g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (gloss_article_view_get_annotations (column (window, i)))),
                      ==, 0);
  wait.n_expected = 0;
  run_until (sidecars_hold, &wait);

  /* and Redo puts them all back */
  activate (window, "win.redo");
  for (guint i = 0; i < N_SAMPLES; i++)
    g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (gloss_article_view_get_annotations (column (window, i)))),
                      ==, 1);

  /* Opened again, the tags entry completes from the tags the open articles use. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.annotate-passage", NULL));
  run_until (popover_shown, popover);
  {
    GtkEditable *entry = gloss_compare_annotate_popover_get_tags (
                           GLOSS_COMPARE_ANNOTATE_POPOVER (popover));
    GtkEntryCompletion *completion = gtk_entry_get_completion (GTK_ENTRY (entry));
    GtkTreeModel *tags = gtk_entry_completion_get_model (completion);
    GtkTreeIter row;
    g_autofree char *first = NULL;

    g_assert_cmpint (gtk_tree_model_iter_n_children (tags, NULL), ==, 2);
    g_assert_true (gtk_tree_model_get_iter_first (tags, &row));
    gtk_tree_model_get (tags, &row, 0, &first, -1);
    g_assert_cmpstr (first, ==, "FSB chief");
  }
  gtk_popover_popdown (GTK_POPOVER (popover));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint i = 0; i < N_SAMPLES; i++)
    g_object_unref (files[i]);
  remove_dir (dir);
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
  g_test_add_func ("/gloss/compare/scroll-together", test_scroll_together);
  g_test_add_func ("/gloss/compare/columns-change", test_columns_change);
  g_test_add_func ("/gloss/compare/annotate-everywhere", test_annotate_everywhere);

  return g_test_run ();
}
