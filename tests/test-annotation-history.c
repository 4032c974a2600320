/* test-annotation-history.c: undo and redo of annotation edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-annotation-history.h"

#define TEXT "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu."

typedef struct
{
  GlossAnnotationHistory *history;
  GlossAnnotationSet     *set;
  GlossAnnotationSet     *other;
} Fixture;

static GlossAnnotationSet *
make_set (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, TEXT, -1);

  return gloss_annotation_set_new (file, sha256, g_utf8_strlen (TEXT, -1));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->history = gloss_annotation_history_new ();
  fixture->set = make_set ("/nonexistent/a.txt");
  fixture->other = make_set ("/nonexistent/b.txt");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->history);
  g_assert_finalize_object (fixture->set);
  g_assert_finalize_object (fixture->other);
}

static GlossAnnotation *
highlight (Fixture *fixture,
           guint    start,
           guint    end)
{
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new (TEXT, start, end);

  gloss_annotation_history_add (fixture->history, fixture->set, annotation, "Highlight");
  return annotation;
}

static void
test_add_undo_redo (Fixture       *fixture,
                    gconstpointer  data)
{
  GlossAnnotation *annotation = highlight (fixture, 6, 10);
  g_autofree char *id = g_strdup (gloss_annotation_get_id (annotation));

  g_assert_true (gloss_annotation_history_get_can_undo (fixture->history));
  g_assert_false (gloss_annotation_history_get_can_redo (fixture->history));
  g_assert_cmpstr (gloss_annotation_history_get_undo_label (fixture->history), ==, "Highlight");

  g_assert_true (gloss_annotation_history_undo (fixture->history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->set)), ==, 0);
  /* undone additions leave a tombstone, so that a merge does not bring them back */
  g_assert_nonnull (gloss_annotation_set_get_deletion_time (fixture->set, id));
  g_assert_true (gloss_annotation_history_get_can_redo (fixture->history));
  g_assert_false (gloss_annotation_history_undo (fixture->history));

  g_assert_true (gloss_annotation_history_redo (fixture->history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->set)), ==, 1);
  annotation = gloss_annotation_set_lookup (fixture->set, id);
  g_assert_nonnull (annotation);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "beta");
  g_assert_null (gloss_annotation_set_get_deletion_time (fixture->set, id));
  g_assert_false (gloss_annotation_history_redo (fixture->history));
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  GlossAnnotation *annotation = highlight (fixture, 6, 10);
  const char * const tags[] = { "quote", "police", NULL };

  gloss_annotation_history_begin (fixture->history, "Edit");
  gloss_annotation_history_track (fixture->history, fixture->set,
                                  gloss_annotation_get_id (annotation));
  gloss_annotation_set_color (annotation, "blue");
  gloss_annotation_set_tags (annotation, tags);
  gloss_annotation_set_note (annotation, "Check this.");
  gloss_annotation_set_target_from_text (annotation, TEXT, 0, 10);
  gloss_annotation_history_end (fixture->history);

  g_assert_true (gloss_annotation_history_undo (fixture->history));
  g_assert_cmpstr (gloss_annotation_get_color (annotation), ==, GLOSS_ANNOTATION_DEFAULT_COLOR);
  g_assert_cmpuint (g_strv_length ((char **) gloss_annotation_get_tags (annotation)), ==, 0);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "");
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, 6);
  g_assert_cmpuint (gloss_annotation_get_anchor_start (annotation), ==, 6);

  g_assert_true (gloss_annotation_history_redo (fixture->history));
  g_assert_cmpstr (gloss_annotation_get_color (annotation), ==, "blue");
  g_assert_cmpstrv (gloss_annotation_get_tags (annotation), tags);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "Check this.");
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "Alpha beta");

  /* a second undo goes back past the edit to before the highlight */
  g_assert_true (gloss_annotation_history_undo (fixture->history));
  g_assert_true (gloss_annotation_history_undo (fixture->history));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->set)), ==, 0);
}

static void
test_undo_is_newer (Fixture       *fixture,
                    gconstpointer  data)
{
  GlossAnnotation *annotation = highlight (fixture, 6, 10);

  /* an edit stored long after the original, as the file on disk would hold it */
  gloss_annotation_history_begin (fixture->history, "Colour");
  gloss_annotation_history_track (fixture->history, fixture->set,
                                  gloss_annotation_get_id (annotation));
  gloss_annotation_set_color (annotation, "red");
  gloss_annotation_set_modified (annotation, "2001-01-01T00:00:00Z");
  gloss_annotation_history_end (fixture->history);

  gloss_annotation_history_undo (fixture->history);
  g_assert_cmpstr (gloss_annotation_get_color (annotation), ==, GLOSS_ANNOTATION_DEFAULT_COLOR);
  g_assert_cmpstr (gloss_annotation_get_modified (annotation), >, "2001-01-01T00:00:00Z");
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  GlossAnnotation *annotation = highlight (fixture, 6, 10);
  g_autofree char *id = g_strdup (gloss_annotation_get_id (annotation));

  gloss_annotation_set_note (annotation, "kept");
  gloss_annotation_history_remove (fixture->history, fixture->set, annotation, "Delete");
  g_assert_null (gloss_annotation_set_lookup (fixture->set, id));

  g_assert_cmpstr (gloss_annotation_history_get_undo_label (fixture->history), ==, "Delete");
  gloss_annotation_history_undo (fixture->history);
  annotation = gloss_annotation_set_lookup (fixture->set, id);
  g_assert_nonnull (annotation);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "kept");
}

/* One step over several annotations in two articles, as renaming a tag everywhere. */
static void
test_several_sets (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GlossAnnotation) a = gloss_annotation_new (TEXT, 0, 5);
  g_autoptr(GlossAnnotation) b = gloss_annotation_new (TEXT, 6, 10);
  GlossAnnotation *annotations[] = { a, b };
  GlossAnnotationSet *sets[] = { fixture->set, fixture->other };

  gloss_annotation_add_tag (a, "old");
  gloss_annotation_add_tag (b, "old");
  gloss_annotation_set_add (fixture->set, a);
  gloss_annotation_set_add (fixture->other, b);

  gloss_annotation_history_begin (fixture->history, "Rename Tag");
  for (guint i = 0; i < 2; i++)
    {
      gloss_annotation_history_track (fixture->history, sets[i],
                                      gloss_annotation_get_id (annotations[i]));
      gloss_annotation_remove_tag (annotations[i], "old");
      gloss_annotation_add_tag (annotations[i], "new");
    }
  gloss_annotation_history_end (fixture->history);

  gloss_annotation_history_undo (fixture->history);
  g_assert_cmpstr (gloss_annotation_get_tags (a)[0], ==, "old");
  g_assert_cmpstr (gloss_annotation_get_tags (b)[0], ==, "old");
  gloss_annotation_history_redo (fixture->history);
  g_assert_cmpstr (gloss_annotation_get_tags (a)[0], ==, "new");
  g_assert_cmpstr (gloss_annotation_get_tags (b)[0], ==, "new");

  /* closing one article drops the steps that touched it */
  gloss_annotation_history_forget_set (fixture->history, fixture->other);
  g_assert_false (gloss_annotation_history_get_can_undo (fixture->history));
}

static void
test_empty_step (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GlossAnnotation) first = NULL;

  gloss_annotation_history_begin (fixture->history, "Nothing");
  gloss_annotation_history_end (fixture->history);
  g_assert_false (gloss_annotation_history_get_can_undo (fixture->history));

  /* looking at an annotation without changing it is no step either */
  highlight (fixture, 20, 25);
  gloss_annotation_history_undo (fixture->history);
  gloss_annotation_history_redo (fixture->history);
  first = g_list_model_get_item (G_LIST_MODEL (fixture->set), 0);
  gloss_annotation_history_begin (fixture->history, "Look");
  gloss_annotation_history_track (fixture->history, fixture->set, gloss_annotation_get_id (first));
  gloss_annotation_history_end (fixture->history);
  g_assert_cmpstr (gloss_annotation_history_get_undo_label (fixture->history), ==, "Highlight");
  gloss_annotation_history_undo (fixture->history);
  g_assert_false (gloss_annotation_history_get_can_undo (fixture->history));

  /* nested steps are one */
  gloss_annotation_history_begin (fixture->history, "Outer");
  highlight (fixture, 0, 5);
  highlight (fixture, 6, 10);
  gloss_annotation_history_end (fixture->history);
  g_assert_cmpstr (gloss_annotation_history_get_undo_label (fixture->history), ==, "Outer");
  gloss_annotation_history_undo (fixture->history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->set)), ==, 0);
  g_assert_false (gloss_annotation_history_get_can_undo (fixture->history));
}

/* A new edit after an undo drops what could have been redone. */
static void
test_redo_dropped (Fixture       *fixture,
                   gconstpointer  data)
{
  highlight (fixture, 0, 5);
  gloss_annotation_history_undo (fixture->history);
  g_assert_true (gloss_annotation_history_get_can_redo (fixture->history));
  highlight (fixture, 6, 10);
  g_assert_false (gloss_annotation_history_get_can_redo (fixture->history));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/gloss/annotation-history/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("add", test_add_undo_redo);
  ADD ("edit", test_edit);
  ADD ("undo-is-newer", test_undo_is_newer);
  ADD ("delete", test_delete);
  ADD ("several-sets", test_several_sets);
  ADD ("empty-step", test_empty_step);
  ADD ("redo-dropped", test_redo_dropped);
#undef ADD

  return g_test_run ();
}
