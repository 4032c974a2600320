/* test-annotate.c: highlighting, tagging, noting and undo in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test works on a copy of a sample article in a folder of its own, and checks both
 * the model and the sidecar file the window wrote.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gloss-annotation-popover.h"
#include "gloss-export-dialog.h"
#include "ui-utils.h"

typedef struct
{
  char        *dir;
  GFile       *article;
  char        *sidecar;
  GlossWindow *window;
  GlossArticleView *view;
} Fixture;

static gboolean
annotations_loaded (gpointer data)
{
  return gloss_article_view_get_annotator (data) != NULL &&
         !gloss_article_view_get_loading (data);
}

static void
copy_sample (const char *name,
             const char *dir,
             GFile     **copy)
{
  g_autoptr(GFile) source = sample_file (name);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  *copy = g_file_new_for_path (path);
  g_assert_true (g_file_copy (source, *copy, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
}

static void
open_fixture (Fixture *fixture)
{
  fixture->window = open_window (1200, 800, &fixture->article, 1);
  fixture->view = column (fixture->window, 0);
  run_until (annotations_loaded, fixture->view);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-annotate-XXXXXX", NULL);
  copy_sample ("coastal-courier.txt", fixture->dir, &fixture->article);
  path = g_file_get_path (fixture->article);
  fixture->sidecar = g_strconcat (path, ".annotations.json", NULL);
  if (data == NULL)
    open_fixture (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_chmod (path, 0644);
      g_remove (path);
    }
  g_chmod (fixture->dir, 0755);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->sidecar);
  g_object_unref (fixture->article);
}

static GtkTextBuffer *
text_buffer (Fixture *fixture)
{
  return gtk_text_view_get_buffer (gloss_article_view_get_text_view (fixture->view));
}

static GlossAnnotationSet *
annotations (Fixture *fixture)
{
  return gloss_article_view_get_annotations (fixture->view);
}

static guint
n_annotations (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (annotations (fixture)));
}

static GlossAnnotation *
nth_annotation (Fixture *fixture,
                guint    i)
{
  g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (annotations (fixture)), i);

  return annotation;  /* the set keeps it */
}

/* Selects the first occurrence of @needle in the column's text. */
static void
select_text (Fixture    *fixture,
             const char *needle)
{
  GtkTextBuffer *buffer = text_buffer (fixture);
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, needle, GTK_TEXT_SEARCH_TEXT_ONLY,
                                               &match_start, &match_end, NULL));
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  gtk_widget_grab_focus (GTK_WIDGET (gloss_article_view_get_text_view (fixture->view)));
}

/* Presses a key in the text as the keyboard would, through its key controllers. */
static void
press_key (Fixture *fixture,
           guint    keyval)
{
  GtkWidget *text_view = GTK_WIDGET (gloss_article_view_get_text_view (fixture->view));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (text_view);
  gboolean handled = FALSE;

  for (guint i = 0; !handled && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GlossAnnotationPopover *
popover (Fixture *fixture)
{
  GlossAnnotator *annotator = gloss_article_view_get_annotator (fixture->view);

  return GLOSS_ANNOTATION_POPOVER (gloss_annotator_get_popover (annotator));
}

static JsonObject *
read_sidecar (Fixture    *fixture,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, fixture->sidecar, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonArray *
saved_annotations (Fixture    *fixture,
                   JsonParser *parser)
{
  return json_object_get_array_member (read_sidecar (fixture, parser), "annotations");
}

/* Waits for the save that follows an edit, and a little more. */
static void
wait_for_save (void)
{
  run_for (GLOSS_ANNOTATOR_SAVE_DELAY_MS + 300);
}

static void
test_highlight_by_keyboard (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GlossAnnotation *annotation;
  JsonArray *saved;
  JsonObject *first;

  g_assert_cmpuint (n_annotations (fixture), ==, 0);
  g_assert_false (g_file_test (fixture->sidecar, G_FILE_TEST_EXISTS));

  /* 2: the palette's second colour */
  select_text (fixture, "harbour");
  press_key (fixture, GDK_KEY_2);
  g_assert_cmpuint (n_annotations (fixture), ==, 1);
  annotation = nth_annotation (fixture, 0);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "harbour");
  g_assert_cmpstr (gloss_annotation_get_color (annotation), ==, "green");

  /* H: the colour used last */
  select_text (fixture, "council");
  press_key (fixture, GDK_KEY_h);
  g_assert_cmpuint (n_annotations (fixture), ==, 2);

  /* nothing is written at once, and everything soon after */
  g_assert_false (g_file_test (fixture->sidecar, G_FILE_TEST_EXISTS));
  wait_for_save ();
  saved = saved_annotations (fixture, parser);
  g_assert_cmpuint (json_array_get_length (saved), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      first = json_array_get_object_element (saved, i);
      g_assert_cmpstr (json_object_get_string_member (first, "color"), ==, "green");
    }

  save_screenshot (fixture->window, "highlights");
}

static void
test_tag_and_note (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GlossAnnotation *annotation;
  GtkEditable *entry;
  JsonObject *saved;
  JsonArray *tags;
  GtkTextIter inside;

  /* T highlights and opens the tag entry */
  select_text (fixture, "harbour");
  press_key (fixture, GDK_KEY_t);
  g_assert_cmpuint (n_annotations (fixture), ==, 1);
  annotation = nth_annotation (fixture, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover (fixture))));
  g_assert_true (gloss_annotation_popover_get_annotation (popover (fixture)) == annotation);

  entry = gloss_annotation_popover_get_tag_entry (popover (fixture));
  gtk_editable_set_text (entry, "  flooding ");
  g_signal_emit_by_name (entry, "activate");
  gtk_editable_set_text (entry, "council, quote");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (g_strv_length ((char **) gloss_annotation_get_tags (annotation)), ==, 3);
  g_assert_cmpstr (gloss_annotation_get_tags (annotation)[0], ==, "flooding");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  /* the note is saved as it is typed */
  gtk_text_buffer_set_text (gloss_annotation_popover_get_note (popover (fixture)),
                            "First line\nsecond line", -1);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "First line\nsecond line");
  gtk_popover_popdown (GTK_POPOVER (popover (fixture)));

  wait_for_save ();
  saved = json_array_get_object_element (saved_annotations (fixture, parser), 0);
  tags = json_object_get_array_member (saved, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (tags, 2), ==, "quote");
  g_assert_cmpstr (json_object_get_string_member (saved, "note"), ==, "First line\nsecond line");

  /* the whole popover session is one step for undo: the highlight stays, bare */
  g_assert_cmpstr (gloss_annotation_history_get_undo_label (gloss_window_get_history (fixture->window)), ==, "Edit Highlight");
  activate (fixture->window, "win.undo");
  g_assert_cmpuint (n_annotations (fixture), ==, 1);
  g_assert_null (gloss_annotation_get_tags (annotation)[0]);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "");
  activate (fixture->window, "win.redo");
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "First line\nsecond line");

  /* N with the caret in a highlight opens its note */
  gtk_text_buffer_get_iter_at_offset (text_buffer (fixture), &inside,
                                      gloss_annotation_get_anchor_start (annotation) + 2);
  gtk_text_buffer_place_cursor (text_buffer (fixture), &inside);
  press_key (fixture, GDK_KEY_n);
  g_assert_true (gloss_annotation_popover_get_annotation (popover (fixture)) == annotation);
  gtk_popover_popdown (GTK_POPOVER (popover (fixture)));
}

static void
test_undo_redo_delete (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *id = NULL;

  select_text (fixture, "harbour");
  activate (fixture->window, "win.undo");  /* nothing to undo yet: no harm */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "article.highlight", "s",
                                             "blue"));
  g_assert_cmpuint (n_annotations (fixture), ==, 1);
  id = g_strdup (gloss_annotation_get_id (nth_annotation (fixture, 0)));

  activate (fixture->window, "win.undo");
  g_assert_cmpuint (n_annotations (fixture), ==, 0);
  activate (fixture->window, "win.redo");
  g_assert_cmpuint (n_annotations (fixture), ==, 1);
  g_assert_cmpstr (gloss_annotation_get_color (nth_annotation (fixture, 0)), ==, "blue");

  /* delete from the popover; undo brings it back */
  gloss_annotator_edit (gloss_article_view_get_annotator (fixture->view), nth_annotation (fixture, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (popover (fixture)), "annotation.delete",
                                             NULL));
  g_assert_cmpuint (n_annotations (fixture), ==, 0);
  wait_for_save ();
  g_assert_cmpuint (json_array_get_length (saved_annotations (fixture, parser)), ==, 0);

  activate (fixture->window, "win.undo");
  g_assert_cmpuint (n_annotations (fixture), ==, 1);
  g_assert_cmpstr (gloss_annotation_get_id (nth_annotation (fixture, 0)), ==, id);
  wait_for_save ();
  g_assert_cmpuint (json_array_get_length (saved_annotations (fixture, parser)), ==, 1);
}

static void
test_resize_and_jump (Fixture       *fixture,
                      gconstpointer  data)
{
  GlossAnnotator *annotator = gloss_article_view_get_annotator (fixture->view);
  GlossAnnotation *first, *second;
  GtkTextIter cursor;
  g_autofree char *exact = NULL;

  select_text (fixture, "harbour");
  gloss_annotator_highlight (annotator, "yellow");
  select_text (fixture, "council");
  gloss_annotator_highlight (annotator, "pink");
  first = nth_annotation (fixture, 0);
  second = nth_annotation (fixture, 1);

  /* one word longer at the end, then back */
  exact = g_strdup (gloss_annotation_get_exact (first));
  gloss_annotator_edit (annotator, first);
  gtk_widget_activate_action (GTK_WIDGET (popover (fixture)), "annotation.resize", "(ii)", 0, 1);
  g_assert_cmpuint (strlen (gloss_annotation_get_exact (first)), >, strlen (exact));
  gtk_widget_activate_action (GTK_WIDGET (popover (fixture)), "annotation.resize", "(ii)", 0, -1);
  g_assert_cmpstr (gloss_annotation_get_exact (first), ==, exact);
  gtk_popover_popdown (GTK_POPOVER (popover (fixture)));

  /* Alt+Down and Alt+Up go from highlight to highlight */
  gtk_text_buffer_get_start_iter (text_buffer (fixture), &cursor);
  gtk_text_buffer_place_cursor (text_buffer (fixture), &cursor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "article.next-annotation", NULL));
  gtk_text_buffer_get_iter_at_mark (text_buffer (fixture), &cursor,
                                    gtk_text_buffer_get_insert (text_buffer (fixture)));
  g_assert_cmpuint (gtk_text_iter_get_offset (&cursor), ==,
                    gloss_annotation_get_anchor_start (first));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "article.next-annotation", NULL);
  gtk_text_buffer_get_iter_at_mark (text_buffer (fixture), &cursor,
                                    gtk_text_buffer_get_insert (text_buffer (fixture)));
  g_assert_cmpuint (gtk_text_iter_get_offset (&cursor), ==,
                    gloss_annotation_get_anchor_start (second));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "article.previous-annotation", NULL);
  gtk_text_buffer_get_iter_at_mark (text_buffer (fixture), &cursor,
                                    gtk_text_buffer_get_insert (text_buffer (fixture)));
  g_assert_cmpuint (gtk_text_iter_get_offset (&cursor), ==,
                    gloss_annotation_get_anchor_start (first));
}

/* Closing the window saves at once, without waiting for the delay. */
static void
test_save_on_close (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  select_text (fixture, "harbour");
  press_key (fixture, GDK_KEY_h);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  g_assert_cmpuint (json_array_get_length (saved_annotations (fixture, parser)), ==, 1);
}

/* A sidecar that cannot be read is never written over; the column says why. */
static void
test_corrupt_sidecar (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *corrupt = "{ \"version\": 1, \"annotations\": [ oops";
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (fixture->sidecar, corrupt, -1, NULL));
  open_fixture (fixture);

  select_text (fixture, "harbour");
  press_key (fixture, GDK_KEY_h);
  g_assert_cmpuint (n_annotations (fixture), ==, 1);
  wait_for_save ();
  g_assert_nonnull (gloss_annotator_get_problem (gloss_article_view_get_annotator (fixture->view)));
  save_screenshot (fixture->window, "corrupt-sidecar");

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  g_assert_true (g_file_get_contents (fixture->sidecar, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, corrupt);
}

/* Annotations saved before are shown again when the article opens. */
static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  select_text (fixture, "harbour");
  press_key (fixture, GDK_KEY_3);
  gtk_window_destroy (GTK_WINDOW (fixture->window));

  open_fixture (fixture);
  g_assert_cmpuint (n_annotations (fixture), ==, 1);
  g_assert_cmpstr (gloss_annotation_get_color (nth_annotation (fixture, 0)), ==, "blue");
  g_assert_true (gloss_annotation_is_attached (nth_annotation (fixture, 0)));
}

static gboolean
article_reloaded (gpointer data)
{
  Fixture *fixture = data;
  GlossArticle *article = gloss_article_view_get_article (fixture->view);

  return strstr (gloss_article_get_text (article), "Late update") != NULL &&
         gloss_article_view_get_annotator (fixture->view) != NULL &&
         !gloss_article_view_get_loading (fixture->view);
}

/* The article is edited on disk: it is read again and the highlight follows its text. */
static void
test_article_changed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (fixture->article);
  g_autofree char *contents = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *text = NULL;
  g_autofree char *passage = NULL;
  GlossAnnotation *annotation;
  guint before;

  select_text (fixture, "harbour");
  press_key (fixture, GDK_KEY_h);
  annotation = nth_annotation (fixture, 0);
  before = gloss_annotation_get_anchor_start (annotation);

  /* a new paragraph after the title, as an outlet updates a story */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  edited = g_strconcat ("Late update: the council will meet at noon.\n\n", contents, NULL);
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  run_until (article_reloaded, fixture);

  g_assert_cmpuint (n_annotations (fixture), ==, 1);
  g_assert_true (gloss_annotation_is_attached (annotation));
  g_assert_cmpuint (gloss_annotation_get_anchor_start (annotation), >, before);
  text = buffer_text (fixture->view);
  passage = g_utf8_substring (text, gloss_annotation_get_anchor_start (annotation),
                              gloss_annotation_get_anchor_end (annotation));
  g_assert_cmpstr (passage, ==, "harbour");

  /* highlighting goes on in the new text, and is saved against it */
  select_text (fixture, "Late update");
  press_key (fixture, GDK_KEY_h);
  g_assert_cmpuint (n_annotations (fixture), ==, 2);
  save_screenshot (fixture->window, "article-changed");
}

static gboolean
has_two_annotations (gpointer data)
{
  return n_annotations (data) == 2;
}

/* Another writer (a second window, a sync tool) saves the sidecar: its work comes in, and
 * nothing of ours is lost. */
static void
test_sidecar_changed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GlossArticle) article = gloss_article_load (fixture->article, NULL, NULL);
  g_autoptr(GlossAnnotationSet) other = gloss_annotation_set_new_for_article (article);
  g_autoptr(GlossAnnotation) theirs = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *text = gloss_article_get_text (article);
  const char *council = strstr (text, "council");
  guint start = g_utf8_pointer_to_offset (text, council);

  select_text (fixture, "harbour");
  press_key (fixture, GDK_KEY_h);
  wait_for_save ();

  g_assert_true (gloss_annotation_set_load (other, NULL, NULL));
  theirs = gloss_annotation_new (text, start, start + strlen ("council"));
  gloss_annotation_set_note (theirs, "from the other window");
  gloss_annotation_set_add (other, theirs);
  g_assert_true (gloss_annotation_set_save (other, NULL, NULL));

  run_until (has_two_annotations, fixture);
  g_assert_nonnull (gloss_annotation_set_lookup (annotations (fixture),
                                                 gloss_annotation_get_id (theirs)));

  /* an edit here after that keeps both */
  select_text (fixture, "Quay Street");
  press_key (fixture, GDK_KEY_h);
  wait_for_save ();
  g_assert_cmpuint (json_array_get_length (saved_annotations (fixture, parser)), ==, 3);
}

/* Ctrl+E opens the Export dialog with the open articles' annotations in its preview. */
static void
test_export_dialog (Fixture       *fixture,
                    gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GlossExportDialog *dialog = NULL;
  g_autofree char *text = NULL;

  select_text (fixture, "harbour");
  press_key (fixture, GDK_KEY_t);
  gtk_editable_set_text (gloss_annotation_popover_get_tag_entry (popover (fixture)), "flooding");
  g_signal_emit_by_name (gloss_annotation_popover_get_tag_entry (popover (fixture)), "activate");
  gtk_popover_popdown (GTK_POPOVER (popover (fixture)));

  activate (fixture->window, "win.export");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GLOSS_IS_EXPORT_DIALOG (toplevel))
        dialog = GLOSS_EXPORT_DIALOG (toplevel);
    }
  g_assert_nonnull (dialog);

  text = gloss_export_dialog_dup_text (dialog);
  g_assert_nonnull (strstr (text, "> harbour"));
  g_assert_nonnull (strstr (text, "#flooding"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
knows_ferries (gpointer data)
{
  GListModel *tags = gloss_window_get_known_tags (data);

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    {
      g_autoptr(GtkStringObject) tag = g_list_model_get_item (tags, i);

      if (g_str_equal (gtk_string_object_get_string (tag), "ferries"))
        return TRUE;
    }
  return FALSE;
}

/* Tags complete from the other sidecars in the article's folder too. */
static void
test_folder_tags (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) other = NULL;
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GlossAnnotation) annotation = NULL;

  copy_sample ("harbor-gazette.md", fixture->dir, &other);
  article = gloss_article_load (other, NULL, NULL);
  set = gloss_annotation_set_new_for_article (article);
  annotation = gloss_annotation_new_for_article (article, 0, 5);
  gloss_annotation_add_tag (annotation, "ferries");
  gloss_annotation_set_add (set, annotation);
  g_assert_true (gloss_annotation_set_save (set, NULL, NULL));

  open_fixture (fixture);
  run_until (knows_ferries, fixture->window);

  {
    g_autofree char *path = g_file_get_path (other);
    g_autofree char *sidecar = g_strconcat (path, ".annotations.json", NULL);

    g_remove (sidecar);
    g_remove (path);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status = ui_test_init (&argc, &argv);

  if (status != 0)
    return status;

#define ADD(path, func, data) \
  g_test_add ("/gloss/annotate/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("highlight-by-keyboard", test_highlight_by_keyboard, NULL);
  ADD ("tag-and-note", test_tag_and_note, NULL);
  ADD ("undo-redo-delete", test_undo_redo_delete, NULL);
  ADD ("resize-and-jump", test_resize_and_jump, NULL);
  ADD ("save-on-close", test_save_on_close, NULL);
  ADD ("corrupt-sidecar", test_corrupt_sidecar, "not opened");
  ADD ("reopen", test_reopen, NULL);
  ADD ("article-changed", test_article_changed, NULL);
  ADD ("sidecar-changed", test_sidecar_changed, NULL);
  ADD ("export-dialog", test_export_dialog, NULL);
  ADD ("folder-tags", test_folder_tags, "not opened");
#undef ADD

  return g_test_run ();
}
