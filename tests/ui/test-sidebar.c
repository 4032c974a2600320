/* test-sidebar.c: the annotations sidebar and the tag manager, on real article columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gloss-annotation-row.h"
#include "gloss-annotation-sidebar.h"
#include "gloss-tag-manager.h"
#include "ui-utils.h"

static const char article_a[] =
  "Harbour reopens after the storm\n\n"
  "The harbour reopened on Monday after the storm. Officials said repairs would cost "
  "millions. Fishermen returned to the docks by noon, and the ferry ran on time.\n";

static const char article_b[] =
  "Storm damage counted\n\n"
  "Repairs to the harbour wall will take a year, the council said. The ferry company "
  "expects delays. Insurance claims are rising across the coast.\n";

typedef struct
{
  char                   *dir;
  GtkWindow              *window;
  GListStore             *views;
  GlossAnnotationSidebar *sidebar;
  GlossAnnotationHistory *history;
  GlossArticleView       *activated_view;
  GlossAnnotation        *activated;
  guint                   stops;
} Fixture;

/* Adds an annotation on the first occurrence of @quote in @text. */
static void
add (GlossAnnotationSet *set,
     GlossArticle       *article,
     const char         *quote,
     const char         *color,
     const char         *tags,
     const char         *note)
{
  const char *text = gloss_article_get_text (article);
  const char *found = strstr (text, quote);
  g_auto(GStrv) tag_list = g_strsplit (tags, ",", -1);
  g_autoptr(GlossAnnotation) annotation = NULL;
  guint start;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (text, found);
  annotation = gloss_annotation_new_for_article (article, start,
                                                 start + g_utf8_strlen (quote, -1));
  gloss_annotation_restore (annotation, color, (const char * const *) tag_list, note);
  g_assert_true (gloss_annotation_set_add (set, annotation));
}

static GFile *
write_article (Fixture    *fixture,
               const char *name,
               const char *text,
               gboolean    with_orphan)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  article = gloss_article_load (file, NULL, &error);
  g_assert_no_error (error);
  set = gloss_annotation_set_new_for_article (article);

  if (with_orphan)
    {
      /* added out of reading order: the sidebar sorts them */
      add (set, article, "Fishermen returned to the docks", "green", "People", "Quote them");
      add (set, article, "The harbour reopened on Monday", "yellow", "economy,Timeline", "");
      add (set, article, "repairs would cost millions", "red", "Economy",
           "Check the figure with the council\nSecond line");
      {
        g_autoptr(GlossAnnotation) orphan =
          gloss_annotation_new_full ("orphan-1", 10, 30, "a passage that was cut later",
                                     "", "", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z");

        gloss_annotation_restore (orphan, "blue", NULL, "");
        g_assert_true (gloss_annotation_set_add (set, orphan));
      }
    }
  else
    {
      add (set, article, "harbour wall will take a year", "yellow", "Timeline", "");
      add (set, article, "Insurance claims are rising", "purple", "", "Follow up");
    }

  g_assert_true (gloss_annotation_set_save (set, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&file);
}

static gboolean
views_loaded (gpointer data)
{
  Fixture *fixture = data;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->views)); i++)
    {
      g_autoptr(GlossArticleView) view = g_list_model_get_item (G_LIST_MODEL (fixture->views), i);

      if (gloss_article_view_get_loading (view) || gloss_article_view_get_annotations (view) == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
on_activated (Fixture          *fixture,
              GlossArticleView *view,
              GlossAnnotation  *annotation)
{
  fixture->activated_view = view;
  fixture->activated = annotation;
}

static void
on_stop (Fixture *fixture)
{
  fixture->stops++;
}

static gsize css_loaded;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) a = NULL;
  g_autoptr(GFile) b = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  /* the application's style sheet, which a window without the application lacks */
  if (g_once_init_enter (&css_loaded))
    {
      GtkCssProvider *css = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&css_loaded, 1);
    }
  fixture->dir = g_dir_make_tmp ("gloss-sidebar-XXXXXX", NULL);
  a = write_article (fixture, "a.txt", article_a, TRUE);
  b = write_article (fixture, "b.txt", article_b, FALSE);

  fixture->history = gloss_annotation_history_new ();
  fixture->views = g_list_store_new (GLOSS_TYPE_ARTICLE_VIEW);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 800);

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *view = gloss_article_view_new (i == 0 ? a : b);

      gtk_widget_set_hexpand (view, TRUE);
      gloss_article_view_set_history (GLOSS_ARTICLE_VIEW (view), fixture->history);
      gtk_box_append (GTK_BOX (box), view);
      g_list_store_append (fixture->views, view);
    }

  fixture->sidebar = GLOSS_ANNOTATION_SIDEBAR (gloss_annotation_sidebar_new ());
  gtk_widget_set_size_request (GTK_WIDGET (fixture->sidebar), 320, -1);
  gloss_annotation_sidebar_set_views (fixture->sidebar, G_LIST_MODEL (fixture->views));
  gloss_annotation_sidebar_set_history (fixture->sidebar, fixture->history);
  g_signal_connect_swapped (fixture->sidebar, "annotation-activated",
                            G_CALLBACK (on_activated), fixture);
  g_signal_connect_swapped (fixture->sidebar, "stop", G_CALLBACK (on_stop), fixture);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->sidebar));

  gtk_window_set_child (fixture->window, box);
  gtk_window_present (fixture->window);
  run_until (views_loaded, fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->views);
  g_clear_object (&fixture->history);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GlossArticleView *
view_at (Fixture *fixture,
         guint    i)
{
  g_autoptr(GlossArticleView) view = g_list_model_get_item (G_LIST_MODEL (fixture->views), i);

  return view; /* the store keeps it */
}

static GlossAnnotationSet *
set_at (Fixture *fixture,
        guint    i)
{
  return gloss_article_view_get_annotations (view_at (fixture, i));
}

/* The rows as text: "# header" for group headers, else the start of the quote. */
static char *
describe (Fixture *fixture)
{
  GlossAnnotationSidebar *sidebar = fixture->sidebar;
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = gloss_annotation_sidebar_get_n_rows (sidebar);

  for (guint i = 0; i < n; i++)
    {
      GlossAnnotation *annotation = gloss_annotation_sidebar_get_row_annotation (sidebar, i);

      if (out->len > 0)
        g_string_append (out, " | ");
      if (annotation == NULL)
        g_string_append_printf (out, "# %s", gloss_annotation_sidebar_get_row_header (sidebar, i));
      else
        g_string_append_len (out, gloss_annotation_get_exact (annotation), 12);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_mapped (child) &&
          (label == NULL || (GTK_IS_BUTTON (child) &&
                             g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)))
        return child;
      if ((found = find_widget (child, type, label)) != NULL)
        return found;
    }

  return NULL;
}

/* Lets the list lay out and bind its rows. */
static void
iterate (void)
{
  run_for (100);
}

/* The rows the list view shows agree with the model, in the form of describe(): the
 * sidebar's row widgets show other annotations in place when the list changes. */
static char *
describe_widgets (Fixture *fixture)
{
  GtkWidget *list = find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_LIST_VIEW, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = gloss_annotation_sidebar_get_n_rows (fixture->sidebar);
  guint i = 0;

  iterate ();
  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL && i < n;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      const char *quote;

      if (!GLOSS_IS_ANNOTATION_ROW (row) || !gtk_widget_get_child_visible (item))
        continue;
      if (out->len > 0)
        g_string_append (out, " | ");
      quote = gloss_annotation_row_get_quote (GLOSS_ANNOTATION_ROW (row));
      if (quote == NULL)
        g_string_append_printf (out, "# %s",
                                gloss_annotation_sidebar_get_row_header (fixture->sidebar, i));
      else
        g_string_append_len (out, quote, 12);
      i++;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_widgets_agree (Fixture *fixture)
{
  g_autofree char *model = describe (fixture);
  g_autofree char *shown = describe_widgets (fixture);

  g_assert_cmpstr (shown, ==, model);
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;
      if ((found = find_by_tooltip (child, tooltip)) != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkEditable *entry;
  const char  *text;
  gboolean     done;
} Search;

static void
on_search_changed (Search *search)
{
  search->done = g_str_equal (gtk_editable_get_text (search->entry), search->text);
}

static gboolean
search_done (gpointer data)
{
  return ((Search *) data)->done;
}

/* Types @text into the search entry and waits for the search (entries wait a little). */
static void
search (Fixture    *fixture,
        const char *text)
{
  Search search = { gloss_annotation_sidebar_get_search_entry (fixture->sidebar), text, FALSE };
  gulong id = g_signal_connect_swapped (search.entry, "search-changed",
                                        G_CALLBACK (on_search_changed), &search);

  gtk_editable_set_text (search.entry, text);
  run_until (search_done, &search);
  g_signal_handler_disconnect (search.entry, id);
}

static void
assert_status (Fixture    *fixture,
               const char *expected)
{
  g_assert_cmpstr (gloss_annotation_sidebar_get_status (fixture->sidebar), ==, expected);
}

/* Runs idles: the sidebar follows model changes from an idle. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *rows = describe (fixture);
  g_autofree char *title_a = gloss_article_view_dup_title (view_at (fixture, 0));
  g_autofree char *expected = NULL;

  /* reading order within each article, orphans in a section of their own at the end */
  expected = g_strdup_printf ("# %s  ·  3 | The harbour  | repairs woul | Fishermen re"
                              " | # Storm damage counted  ·  2 | harbour wall | Insurance cl"
                              " | # Not Found in the Text  ·  1 | a passage th", title_a);
  g_assert_cmpstr (rows, ==, expected);
  assert_widgets_agree (fixture);
  assert_status (fixture, "6 annotations");
  g_assert_cmpint (gloss_annotation_get_anchor_state (gloss_annotation_sidebar_get_row_annotation (fixture->sidebar, 8)),
                   ==, GLOSS_ANCHOR_STATE_ORPHANED);
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->sidebar);
  g_autofree char *rows = NULL;

  /* free text over quote and note, without case */
  search (fixture, "FIGURE");
  assert_status (fixture, "1 of 6 annotations");
  rows = describe (fixture);
  g_assert_cmpstr (strstr (rows, " | "), ==, " | repairs woul");
  search (fixture, "harbour");
  assert_status (fixture, "2 of 6 annotations");
  g_clear_pointer (&rows, g_free);
  rows = describe (fixture);
  g_assert_cmpstr (strstr (rows, " | "), ==,
                   " | The harbour  | # Storm damage counted  ·  1 | harbour wall");
  assert_widgets_agree (fixture);

  /* by tag, compared without case, together with the text */
  g_assert_true (gtk_widget_activate_action (widget, "sidebar.filter-tag", "s", "people"));
  assert_status (fixture, "0 of 6 annotations");
  search (fixture, "");
  assert_status (fixture, "1 of 6 annotations");
  g_assert_true (gtk_widget_activate_action (widget, "sidebar.filter-tag", "s", "timeline"));
  assert_status (fixture, "2 of 6 annotations");

  /* by colour */
  g_assert_true (gtk_widget_activate_action (widget, "sidebar.filter-color", "s", "yellow"));
  assert_status (fixture, "2 of 6 annotations");
  g_assert_true (gtk_widget_activate_action (widget, "sidebar.filter-tag", "s", ""));
  g_assert_true (gtk_widget_activate_action (widget, "sidebar.filter-color", "s", "purple"));
  assert_status (fixture, "1 of 6 annotations");

  /* nothing matches: the empty state, with a way out */
  search (fixture, "zeppelin");
  g_assert_cmpuint (gloss_annotation_sidebar_get_n_rows (fixture->sidebar), ==, 0);
  assert_status (fixture, "0 of 6 annotations");
  g_assert_nonnull (find_widget (widget, ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_true (gtk_widget_activate_action (widget, "sidebar.clear-filters", NULL));
  assert_status (fixture, "6 annotations");
  assert_widgets_agree (fixture);
  g_assert_cmpstr (gtk_editable_get_text (gloss_annotation_sidebar_get_search_entry (fixture->sidebar)),
                   ==, "");
}

static void
test_group_by_tag (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *rows = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.group-by",
                                             "s", "tag"));
  rows = describe (fixture);
  /* tags alphabetically, shown as first met; an annotation under each of its tags */
  g_assert_cmpstr (rows, ==,
                   "# economy  ·  2 | The harbour  | repairs woul"
                   " | # People  ·  1 | Fishermen re"
                   " | # Timeline  ·  2 | The harbour  | harbour wall"
                   " | # Untagged  ·  1 | Insurance cl"
                   " | # Not Found in the Text  ·  1 | a passage th");
  assert_widgets_agree (fixture);
  assert_status (fixture, "6 annotations");
}

static void
test_live (Fixture       *fixture,
           gconstpointer  data)
{
  GlossAnnotationSet *set = set_at (fixture, 1);
  GlossArticle *article = gloss_article_view_get_article (view_at (fixture, 1));
  GlossAnnotation *first = g_list_model_get_item (G_LIST_MODEL (set), 0);
  g_autofree char *rows = NULL;

  /* a highlight made in a column appears */
  add (set, article, "The ferry company", "blue", "", "");
  settle ();
  assert_status (fixture, "7 annotations");

  /* a tag added in a column counts for the filter */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.filter-tag",
                                             "s", "people"));
  assert_status (fixture, "1 of 7 annotations");
  gloss_annotation_add_tag (first, "people");
  settle ();
  assert_status (fixture, "2 of 7 annotations");
  rows = describe (fixture);
  g_assert_cmpstr (strstr (rows, "# Storm"), ==, "# Storm damage counted  ·  1 | harbour wall");

  /* and a deleted one goes */
  gloss_annotation_set_remove (set, first);
  settle ();
  assert_status (fixture, "1 of 6 annotations");
  assert_widgets_agree (fixture);
  g_object_unref (first);
}

static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *list = find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_LIST_VIEW, NULL);

  g_assert_nonnull (list);
  /* a header does nothing */
  g_signal_emit_by_name (list, "activate", 0);
  g_assert_null (fixture->activated);

  g_signal_emit_by_name (list, "activate", 5);
  g_assert_true (fixture->activated_view == view_at (fixture, 1));
  g_assert_true (fixture->activated == gloss_annotation_sidebar_get_row_annotation (fixture->sidebar, 5));
}

static void
test_escape (Fixture       *fixture,
             gconstpointer  data)
{
  GtkEditable *entry = gloss_annotation_sidebar_get_search_entry (fixture->sidebar);

  gloss_annotation_sidebar_focus_search (fixture->sidebar);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (entry)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (entry)));
  search (fixture, "harbour");
  assert_status (fixture, "2 of 6 annotations");

  /* the first Escape clears the search, the second leaves */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_cmpuint (fixture->stops, ==, 0);
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpuint (fixture->stops, ==, 1);
}

static void
test_attach_here (Fixture       *fixture,
                  gconstpointer  data)
{
  GlossAnnotation *annotation = gloss_annotation_sidebar_get_row_annotation (fixture->sidebar, 3);
  GlossArticle *article = gloss_article_view_get_article (view_at (fixture, 0));
  const char *text = gloss_article_get_text (article);
  guint start = g_utf8_pointer_to_offset (text, strstr (text, "Fishermen returned"));
  guint old_start = gloss_annotation_get_start (annotation);
  GtkWidget *button;

  /* as if the text had changed and anchoring found a similar passage */
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Fishermen returned to the docks");
  gloss_annotation_set_anchor (annotation, GLOSS_ANCHOR_STATE_SUGGESTED, start, start + 18);
  settle ();
  iterate ();
  button = find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_BUTTON, "Attach Here");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  g_assert_cmpint (gloss_annotation_get_anchor_state (annotation), ==, GLOSS_ANCHOR_STATE_EXACT);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Fishermen returned");
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
  g_assert_true (fixture->activated == annotation);

  /* one step to undo */
  g_assert_true (gloss_annotation_history_get_can_undo (fixture->history));
  g_assert_true (gloss_annotation_history_undo (fixture->history));
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Fishermen returned to the docks");
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, old_start);
}

static void
test_attach_to_selection (Fixture       *fixture,
                          gconstpointer  data)
{
  GlossArticleView *view = view_at (fixture, 0);
  GlossAnnotationSet *set = set_at (fixture, 0);
  GlossAnnotation *orphan = gloss_annotation_set_lookup (set, "orphan-1");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (gloss_article_view_get_text_view (view));
  const char *text = gloss_article_get_text (gloss_article_view_get_article (view));
  guint start = g_utf8_pointer_to_offset (text, strstr (text, "the ferry ran on time"));
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) sidecar = NULL;
  GtkTextIter from, to;
  GtkWidget *button;
  guint s, e;

  g_assert_cmpint (gloss_annotation_get_anchor_state (orphan), ==, GLOSS_ANCHOR_STATE_ORPHANED);
  iterate ();
  button = find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_BUTTON, "Attach to Selection");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));

  /* select "the ferry ran on time" in the column */
  gtk_text_buffer_get_iter_at_offset (buffer, &from, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, 0);
  g_assert_true (gtk_text_iter_forward_search (&from, "the ferry ran on time", 0, &from, &to, NULL));
  gtk_text_buffer_select_range (buffer, &from, &to);
  g_assert_true (gloss_article_view_get_selection (view, &s, &e));
  g_assert_cmpuint (s, ==, start);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  g_assert_true (gloss_annotation_is_attached (orphan));
  g_assert_cmpstr (gloss_annotation_get_exact (orphan), ==, "the ferry ran on time");
  g_assert_cmpuint (gloss_annotation_get_start (orphan), ==, start);
  settle ();
  g_assert_null (strstr (describe (fixture), "Not Found"));

  /* what is written is the new target */
  g_assert_true (gloss_annotation_set_save (set, NULL, &error));
  g_assert_no_error (error);
  sidecar = gloss_annotation_set_get_sidecar_file (set, NULL);
  g_assert_true (g_file_load_contents (sidecar, NULL, &contents, NULL, NULL, &error));
  g_assert_nonnull (strstr (contents, "\"the ferry ran on time\""));

  g_assert_true (gloss_annotation_history_undo (fixture->history));
  g_assert_cmpstr (gloss_annotation_get_exact (orphan), ==, "a passage that was cut later");
}

static GtkWidget *
find_tag_row (GtkWidget  *manager,
              const char *tag)
{
  GtkWidget *row = find_widget (manager, ADW_TYPE_ENTRY_ROW, NULL);

  for (; row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), tag) == 0)
      return row;

  return NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static guint
count_tag (Fixture    *fixture,
           const char *tag)
{
  guint n = 0;

  for (guint s = 0; s < 2; s++)
    {
      GListModel *set = G_LIST_MODEL (set_at (fixture, s));

      for (guint i = 0; i < g_list_model_get_n_items (set); i++)
        {
          g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (set, i);

          n += g_strv_contains (gloss_annotation_get_tags (annotation), tag);
        }
    }

  return n;
}

static void
test_tag_manager (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *manager = gloss_tag_manager_new (fixture->window, G_LIST_MODEL (fixture->views),
                                              fixture->history);
  GlossTagManager *tags = GLOSS_TAG_MANAGER (manager);
  AdwMessageDialog *dialog;
  GtkWidget *row;

  gtk_window_present (GTK_WINDOW (manager));
  iterate ();
  g_assert_cmpuint (gloss_tag_manager_count (tags, "ECONOMY"), ==, 2);
  g_assert_cmpuint (gloss_tag_manager_count (tags, "Timeline"), ==, 2);

  /* rename inline: one step, every annotation */
  row = find_tag_row (manager, "Timeline");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Chronology");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpuint (count_tag (fixture, "Chronology"), ==, 2);
  g_assert_cmpuint (count_tag (fixture, "Timeline"), ==, 0);
  settle ();
  g_assert_nonnull (strstr (gloss_annotation_sidebar_get_row_header (fixture->sidebar, 0), "3"));
  g_assert_true (gloss_annotation_history_undo (fixture->history));
  g_assert_cmpuint (count_tag (fixture, "Timeline"), ==, 2);
  g_assert_true (gloss_annotation_history_redo (fixture->history));

  /* rename onto another tag: a merge, after confirmation */
  iterate ();
  row = find_tag_row (manager, "People");
  gtk_editable_set_text (GTK_EDITABLE (row), "chronology");
  g_signal_emit_by_name (row, "apply");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "merge");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (count_tag (fixture, "People"), ==, 0);
  g_assert_cmpuint (count_tag (fixture, "Chronology"), ==, 3);
  g_assert_cmpuint (gloss_tag_manager_count (tags, "chronology"), ==, 3);
  g_assert_cmpstr (gloss_annotation_history_get_undo_label (fixture->history), ==, "Merge Tags");

  /* delete everywhere, after confirmation; the annotations stay */
  iterate ();
  row = find_tag_row (manager, "economy");
  g_assert_nonnull (row);
  g_signal_emit_by_name (find_by_tooltip (row, "Delete Tag"), "clicked");
  iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (gloss_tag_manager_count (tags, "economy"), ==, 0);
  assert_status (fixture, "6 annotations");
  g_assert_true (gloss_annotation_history_undo (fixture->history));
  g_assert_cmpuint (gloss_tag_manager_count (tags, "economy"), ==, 2);

  gtk_window_destroy (GTK_WINDOW (manager));
}

/* Saves what the sidebar shows, for people to look at: tests/ui/screenshots/NAME.png */
static void
save_sidebar (Fixture    *fixture,
              const char *name)
{
  GtkWidget *widget = GTK_WIDGET (fixture->sidebar);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));

  iterate ();
  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Every kind of row (tags, notes, a suggested place, an orphan) in light and dark mode and
 * narrow, saved for people to look at; the rows must be drawn and have a height. */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GlossAnnotation *annotation = gloss_annotation_sidebar_get_row_annotation (fixture->sidebar, 3);
  GlossArticle *article = gloss_article_view_get_article (view_at (fixture, 0));
  const char *text = gloss_article_get_text (article);
  guint start = g_utf8_pointer_to_offset (text, strstr (text, "Fishermen returned"));
  GtkWidget *list = find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_LIST_VIEW, NULL);
  GtkWidget *row;

  gloss_annotation_add_tag (annotation, "a very long tag that does not fit");
  gloss_annotation_add_tag (annotation, "quotes");
  gloss_annotation_set_anchor (annotation, GLOSS_ANCHOR_STATE_SUGGESTED, start, start + 18);
  settle ();
  iterate ();
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_BUTTON, "Attach Here"));
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->sidebar), GTK_TYPE_BUTTON,
                                 "Attach to Selection"));

  /* a row with tags and a note is taller than a header */
  row = gtk_widget_get_first_child (list);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_widget_get_height (gtk_widget_get_next_sibling (row)), >,
                   gtk_widget_get_height (row));

  save_sidebar (fixture, "sidebar-light");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  save_sidebar (fixture, "sidebar-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_widget_set_size_request (GTK_WIDGET (fixture->sidebar), 240, -1);
  gtk_window_set_default_size (fixture->window, 600, 800);
  run_for (300);
  save_sidebar (fixture, "sidebar-narrow");
}

int
main (int    argc,
      char **argv)
{
  int status = ui_test_init (&argc, &argv);

  if (status != 0)
    return status;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gloss/sidebar/rows", test_rows);
  ADD ("/gloss/sidebar/filter", test_filter);
  ADD ("/gloss/sidebar/group-by-tag", test_group_by_tag);
  ADD ("/gloss/sidebar/live", test_live);
  ADD ("/gloss/sidebar/activate", test_activate);
  ADD ("/gloss/sidebar/escape", test_escape);
  ADD ("/gloss/sidebar/attach-here", test_attach_here);
  ADD ("/gloss/sidebar/attach-to-selection", test_attach_to_selection);
  ADD ("/gloss/tag-manager/rename-merge-delete", test_tag_manager);
  ADD ("/gloss/sidebar/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
