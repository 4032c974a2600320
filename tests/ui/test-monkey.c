/* test-monkey.c: thousands of random actions in the real window, then the files checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On copies of the sample articles: highlight, recolour, tag, note, resize, delete, undo,
 * redo, jump, filter the sidebar, group it, compare, export, zoom, close and reopen
 * articles, in a random order from a seed (GLOSS_MONKEY_SEED, GLOSS_MONKEY_STEPS to change
 * them; the suite takes 2,000 steps, 400 in a sanitized build). Any critical warning fails
 * the test (G_DEBUG=fatal-warnings). At the end the window closes and every sidecar must
 * hold exactly what the window had.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gloss-annotation-popover.h"
#include "gloss-annotation-sidebar.h"
#include "gloss-export-dialog.h"
#include "ui-utils.h"

/* Thousands of steps normally; a sanitized build is 5–10 times slower, so fewer there */
#if defined(__SANITIZE_ADDRESS__)
#define DEFAULT_STEPS 400
#else
#define DEFAULT_STEPS 2000
#endif

static const char * const words[] = {
  "bridge", "council", "ferry", "harbour", "engineer", "closure", "quote", "", "x",
};

typedef struct
{
  GlossWindow *window;
  GFile       *files[N_SAMPLES];
  GRand       *rand;
  guint        counts[16];
} Monkey;

static gboolean
all_annotating (gpointer data)
{
  Monkey *monkey = data;

  for (guint i = 0; i < n_columns (monkey->window); i++)
    if (gloss_article_view_get_annotator (column (monkey->window, i)) == NULL ||
        gloss_article_view_get_loading (column (monkey->window, i)))
      return FALSE;
  return !gloss_window_get_busy (monkey->window);
}

static void
settle (Monkey *monkey)
{
  run_until (all_annotating, monkey);
}

static GlossArticleView *
random_view (Monkey *monkey)
{
  guint n = n_columns (monkey->window);

  return n > 0 ? column (monkey->window, g_rand_int_range (monkey->rand, 0, n)) : NULL;
}

static GlossAnnotation *
random_annotation (Monkey           *monkey,
                   GlossArticleView *view)
{
  GListModel *set = G_LIST_MODEL (gloss_article_view_get_annotations (view));
  guint n = g_list_model_get_n_items (set);
  g_autoptr(GlossAnnotation) annotation = NULL;

  if (n == 0)
    return NULL;
  annotation = g_list_model_get_item (set, g_rand_int_range (monkey->rand, 0, n));
  return annotation;  /* the set keeps it */
}

static GtkTextBuffer *
buffer_of (GlossArticleView *view)
{
  return gtk_text_view_get_buffer (gloss_article_view_get_text_view (view));
}

static void
select_random (Monkey           *monkey,
               GlossArticleView *view)
{
  GtkTextBuffer *buffer = buffer_of (view);
  int length = gtk_text_buffer_get_char_count (buffer);
  int start = g_rand_int_range (monkey->rand, 0, MAX (length - 1, 1));
  int end = MIN (length, start + g_rand_int_range (monkey->rand, 1, 80));
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_select_range (buffer, &a, &b);
}

static GlossAnnotationPopover *
open_popover (GlossArticleView *view,
              GlossAnnotation  *annotation)
{
  GlossAnnotator *annotator = gloss_article_view_get_annotator (view);

  gloss_annotator_edit (annotator, annotation);
  return GLOSS_ANNOTATION_POPOVER (gloss_annotator_get_popover (annotator));
}

static void
edit_in_popover (Monkey           *monkey,
                 GlossArticleView *view,
                 GlossAnnotation  *annotation)
{
  GlossAnnotationPopover *popover = open_popover (view, annotation);
  const char * const *colors = gloss_annotation_list_colors ();
  GtkEditable *entry = gloss_annotation_popover_get_tag_entry (popover);
  g_autofree char *note = NULL;

  switch (g_rand_int_range (monkey->rand, 0, 6))
    {
    case 0:
      gloss_annotation_set_color (annotation, colors[g_rand_int_range (monkey->rand, 0, 8)]);
      break;
    case 1:
      gtk_editable_set_text (entry, words[g_rand_int_range (monkey->rand, 0, G_N_ELEMENTS (words))]);
      g_signal_emit_by_name (entry, "activate");
      break;
    case 2:
      note = g_strdup_printf ("note %u\nline two", g_rand_int (monkey->rand));
      gtk_text_buffer_set_text (gloss_annotation_popover_get_note (popover), note, -1);
      break;
    case 3:
      gtk_widget_activate_action (GTK_WIDGET (popover), "annotation.resize", "(ii)",
                                  g_rand_int_range (monkey->rand, -1, 2),
                                  g_rand_int_range (monkey->rand, -1, 2));
      break;
    case 4:
      gtk_widget_activate_action (GTK_WIDGET (popover), "annotation.delete", NULL);
      break;
    default:
      gtk_widget_activate_action (GTK_WIDGET (popover), "annotation.copy", NULL);
      break;
    }
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static GlossAnnotationSidebar *
find_sidebar (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GlossAnnotationSidebar *found;

      if (GLOSS_IS_ANNOTATION_SIDEBAR (child))
        return GLOSS_ANNOTATION_SIDEBAR (child);
      if ((found = find_sidebar (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
close_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i-- > 0;)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (GLOSS_IS_EXPORT_DIALOG (toplevel))
        gtk_window_destroy (GTK_WINDOW (toplevel));
    }
}

static void
step (Monkey *monkey)
{
  GlossArticleView *view = random_view (monkey);
  GlossAnnotation *annotation;
  guint what = g_rand_int_range (monkey->rand, 0, 16);

  monkey->counts[what]++;
  if (view == NULL)
    {
      gloss_window_open_files (monkey->window, monkey->files, G_N_ELEMENTS (monkey->files));
      settle (monkey);
      return;
    }

  switch (what)
    {
    case 0:
    case 1:
    case 2:
      select_random (monkey, view);
      gtk_widget_activate_action (GTK_WIDGET (view), "article.highlight", "s",
                                  gloss_annotation_list_colors ()[g_rand_int_range (monkey->rand, 0, 8)]);
      break;
    case 3:
    case 4:
      if ((annotation = random_annotation (monkey, view)) != NULL)
        edit_in_popover (monkey, view, annotation);
      break;
    case 5:
      activate (monkey->window, "win.undo");
      break;
    case 6:
      activate (monkey->window, "win.redo");
      break;
    case 7:
      gtk_widget_activate_action (GTK_WIDGET (view), g_rand_boolean (monkey->rand)
                                  ? "article.next-annotation" : "article.previous-annotation", NULL);
      break;
    case 8:
      {
        GlossAnnotationSidebar *sidebar = find_sidebar (GTK_WIDGET (monkey->window));

        if (sidebar != NULL)
          gtk_editable_set_text (gloss_annotation_sidebar_get_search_entry (sidebar),
                                 words[g_rand_int_range (monkey->rand, 0, G_N_ELEMENTS (words))]);
      }
      break;
    case 9:
      {
        GlossAnnotationSidebar *sidebar = find_sidebar (GTK_WIDGET (monkey->window));

        if (sidebar != NULL)
          gtk_widget_activate_action (GTK_WIDGET (sidebar), "sidebar.group-by", "s",
                                      g_rand_boolean (monkey->rand) ? "tag" : "article");
      }
      break;
    case 10:
      activate (monkey->window, "win.export");
      close_dialogs ();
      break;
    case 11:
      activate (monkey->window, g_rand_boolean (monkey->rand) ? "win.zoom-in" : "win.zoom-out");
      break;
    case 12:
      /* close a column (it saves) and open it again */
      gtk_widget_activate_action (GTK_WIDGET (view), "column.close", NULL);
      if (g_rand_boolean (monkey->rand))
        {
          gloss_window_open_files (monkey->window, monkey->files, G_N_ELEMENTS (monkey->files));
          settle (monkey);
        }
      break;
    case 13:
      /* Compare on or off; the comparison runs in a thread while the monkey goes on */
      activate (monkey->window, "win.compare");
      break;
    case 14:
      {
        const char *actions[] = { "win.next-passage", "win.previous-passage", "win.show-unique" };

        activate (monkey->window, actions[g_rand_int_range (monkey->rand, 0, G_N_ELEMENTS (actions))]);
      }
      break;
    default:
      /* let timers run: autosave, sidebar rebuilds */
      run_for (g_rand_int_range (monkey->rand, 1, 30));
      break;
    }

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The annotations the window has now, by article file, as copies. */
static GHashTable *
snapshot_model (Monkey *monkey)
{
  GHashTable *model = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < n_columns (monkey->window); i++)
    {
      GlossArticleView *view = column (monkey->window, i);
      GListModel *set = G_LIST_MODEL (gloss_article_view_get_annotations (view));
      GPtrArray *copies = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint j = 0; j < g_list_model_get_n_items (set); j++)
        {
          g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (set, j);

          g_ptr_array_add (copies, gloss_annotation_copy (annotation));
        }
      g_hash_table_insert (model, g_file_get_path (gloss_article_view_get_file (view)), copies);
    }

  return model;
}

static void
test_monkey (void)
{
  const char *seed_env = g_getenv ("GLOSS_MONKEY_SEED");
  const char *steps_env = g_getenv ("GLOSS_MONKEY_STEPS");
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : 20261130;
  guint steps = steps_env ? (guint) g_ascii_strtoull (steps_env, NULL, 10) : DEFAULT_STEPS;
  g_autofree char *dir = g_dir_make_tmp ("gloss-monkey-XXXXXX", NULL);
  g_autoptr(GHashTable) model = NULL;
  GHashTableIter iter;
  gpointer key, value;
  Monkey monkey = { 0 };
  guint total = 0;

  g_test_message ("seed %u, %u steps", seed, steps);
  monkey.rand = g_rand_new_with_seed (seed);
  for (guint i = 0; i < N_SAMPLES; i++)
    {
      g_autoptr(GFile) source = sample_file (sample_names[i]);
      g_autofree char *path = g_build_filename (dir, sample_names[i], NULL);

      monkey.files[i] = g_file_new_for_path (path);
      g_assert_true (g_file_copy (source, monkey.files[i], G_FILE_COPY_NONE, NULL, NULL, NULL,
                                  NULL));
    }

  monkey.window = open_window (1400, 900, monkey.files, G_N_ELEMENTS (monkey.files));
  settle (&monkey);
  activate (monkey.window, "win.show-annotations");

  for (guint i = 0; i < steps; i++)
    step (&monkey);
  settle (&monkey);

  /* What the window has is what the files must hold once it closes. */
  model = snapshot_model (&monkey);
  gtk_window_destroy (GTK_WINDOW (monkey.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_hash_table_iter_init (&iter, model);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GFile) file = g_file_new_for_path (key);
      g_autoptr(GlossArticle) article = gloss_article_load (file, NULL, NULL);
      g_autoptr(GlossAnnotationSet) saved = gloss_annotation_set_new_for_article (article);
      GPtrArray *expected = value;
      g_autoptr(GError) error = NULL;

      g_assert_true (gloss_annotation_set_load (saved, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (saved)), ==, expected->len);
      for (guint i = 0; i < expected->len; i++)
        {
          GlossAnnotation *want = g_ptr_array_index (expected, i);
          GlossAnnotation *got = gloss_annotation_set_lookup (saved, gloss_annotation_get_id (want));

          g_assert_nonnull (got);
          g_assert_true (gloss_annotation_equal (got, want));
        }
      total += expected->len;
    }
  g_test_message ("%u annotations in %u files match the window", total, g_hash_table_size (model));
  for (guint i = 0; i < G_N_ELEMENTS (monkey.counts); i++)
    if (monkey.counts[i] > 0)
      g_test_message ("action %u: %u times", i, monkey.counts[i]);

  for (guint i = 0; i < N_SAMPLES; i++)
    {
      g_autofree char *path = g_file_get_path (monkey.files[i]);
      g_autofree char *sidecar = g_strconcat (path, ".annotations.json", NULL);

      g_remove (sidecar);
      g_remove (path);
      g_object_unref (monkey.files[i]);
    }
  g_rmdir (dir);
  g_rand_free (monkey.rand);
}

int
main (int   argc,
      char *argv[])
{
  int status = ui_test_init (&argc, &argv);

  if (status != 0)
    return status;

  g_test_add_func ("/gloss/monkey", test_monkey);
  return g_test_run ();
}
