/* test-sidecar.c: the ARTICLE.annotations.json file: format, safety, merging
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-annotation-set.h"
#include "gloss-json-scanner.h"
#include "gloss-sidecar.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define TEXT "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu."
#define TEXT_LENGTH 67
#define OLD "2020-01-01T00:00:00Z"

typedef struct
{
  char  *dir;
  GFile *article;
  char  *sidecar_path;
  char  *sha256;
} Fixture;

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0755);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-test-sidecar-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "story.txt", NULL);
  g_file_set_contents (path, TEXT "\n", -1, &error);
  g_assert_no_error (error);

  fixture->article = g_file_new_for_path (path);
  fixture->sidecar_path = g_strconcat (path, ".annotations.json", NULL);
  fixture->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, TEXT, -1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->sidecar_path);
  g_free (fixture->sha256);
  g_object_unref (fixture->article);
}

static GlossAnnotationSet *
load_set (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GlossAnnotationSet *set;

  set = gloss_annotation_set_new (fixture->article, fixture->sha256, TEXT_LENGTH);
  gloss_annotation_set_load (set, NULL, &error);
  g_assert_no_error (error);

  return set;
}

static void
save_set (GlossAnnotationSet *set)
{
  g_autoptr(GError) error = NULL;

  gloss_annotation_set_save (set, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_set_get_dirty (set));
}

static char *
read_sidecar (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (fixture->sidecar_path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
write_sidecar (Fixture    *fixture,
               const char *contents,
               gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->sidecar_path, contents, len, &error);
  g_assert_no_error (error);
}

static GlossAnnotation *
add (GlossAnnotationSet *set,
     guint               start,
     guint               end)
{
  GlossAnnotation *annotation = gloss_annotation_new (TEXT, start, end);

  g_assert_true (gloss_annotation_set_add (set, annotation));
  g_object_unref (annotation);

  return annotation;
}

/* A sidecar with annotations "x1", "x2", "x3" (start 0, 6, 11), all last modified in 2020. */
static char *
base_sidecar (Fixture *fixture)
{
  static const char *words[] = { "Alpha", "beta", "gamma" };
  static const guint starts[] = { 0, 6, 11 };
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "{\"version\": 1, \"article\": {\"file\": \"story.txt\", "
                          "\"sha256\": \"%s\", \"length\": %d, \"text_model\": 1},\n"
                          "\"annotations\": [", fixture->sha256, TEXT_LENGTH);
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (out, "%s{\"id\": \"x%u\", \"target\": {\"start\": %u, \"end\": %u, "
                            "\"exact\": \"%s\"}, \"created\": \"%s\", \"modified\": \"%s\"}",
                            i > 0 ? ",\n" : "", i + 1, starts[i],
                            starts[i] + (guint) strlen (words[i]), words[i], OLD, OLD);
  g_string_append (out, "]}\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_locations (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) next_to = gloss_sidecar_get_next_to (fixture->article);
  g_autoptr(GFile) fallback = gloss_sidecar_get_fallback (fixture->article);
  g_autoptr(GFile) located = NULL;
  g_autoptr(GFile) portal = g_file_new_for_path ("/run/user/1000/doc/1a2b3c/story.txt");
  g_autofree char *next_to_path = g_file_get_path (next_to);
  g_autofree char *fallback_name = g_file_get_basename (fallback);
  g_autofree char *article_path = g_file_get_path (fixture->article);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, article_path, -1);
  g_autofree char *expected_name = g_strdup_printf ("%s-story.txt.annotations.json", hash);
  g_autofree char *fallback_path = g_file_get_path (fallback);
  g_autofree char *fallback_dir = g_build_filename (g_get_user_data_dir (),
                                                    "io.github.glossreader.Gloss",
                                                    "annotations", NULL);
  gboolean is_fallback = TRUE;

  g_assert_cmpstr (next_to_path, ==, fixture->sidecar_path);
  g_assert_cmpstr (fallback_name, ==, expected_name);
  g_assert_true (g_str_has_prefix (fallback_path, fallback_dir));

  located = gloss_sidecar_locate (fixture->article, &is_fallback);
  g_assert_false (is_fallback);
  g_assert_true (g_file_equal (located, next_to));

  g_assert_true (gloss_sidecar_can_write_next_to (fixture->article));
  g_assert_false (gloss_sidecar_can_write_next_to (portal));
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) set = load_set (fixture);
  g_autoptr(GlossAnnotationSet) again = NULL;
  g_autofree char *contents = NULL;
  GlossAnnotation *a, *b, *c;
  const char *tags[] = { "Économie", "source: AP", NULL };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 0);
  a = add (set, 6, 16);
  b = add (set, 0, 5);
  c = add (set, 64, 67);
  gloss_annotation_set_color (a, "purple");
  gloss_annotation_set_tags (a, tags);
  gloss_annotation_set_note (a, "Two lines,\n\"quoted\" and \\ back\tslash \x01 ☃");
  gloss_annotation_set_note (c, "end of text");
  save_set (set);

  contents = read_sidecar (fixture);
  g_assert_true (g_str_has_suffix (contents, "}\n"));
  g_assert_false (g_str_has_suffix (contents, "\n\n"));

  again = load_set (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);
  g_assert_cmpstr (gloss_annotation_set_get_stored_sha256 (again), ==, fixture->sha256);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GlossAnnotation) x = g_list_model_get_item (G_LIST_MODEL (set), i);
      g_autoptr(GlossAnnotation) y = g_list_model_get_item (G_LIST_MODEL (again), i);

      g_assert_cmpstr (gloss_annotation_get_id (x), ==, gloss_annotation_get_id (y));
      g_assert_cmpuint (gloss_annotation_get_start (x), ==, gloss_annotation_get_start (y));
      g_assert_cmpuint (gloss_annotation_get_end (x), ==, gloss_annotation_get_end (y));
      g_assert_cmpstr (gloss_annotation_get_exact (x), ==, gloss_annotation_get_exact (y));
      g_assert_cmpstr (gloss_annotation_get_prefix (x), ==, gloss_annotation_get_prefix (y));
      g_assert_cmpstr (gloss_annotation_get_suffix (x), ==, gloss_annotation_get_suffix (y));
      g_assert_cmpstr (gloss_annotation_get_color (x), ==, gloss_annotation_get_color (y));
      g_assert_cmpstrv (gloss_annotation_get_tags (x), gloss_annotation_get_tags (y));
      g_assert_cmpstr (gloss_annotation_get_note (x), ==, gloss_annotation_get_note (y));
      g_assert_cmpstr (gloss_annotation_get_created (x), ==, gloss_annotation_get_created (y));
      g_assert_cmpstr (gloss_annotation_get_modified (x), ==,
                       gloss_annotation_get_modified (y));
    }
  g_assert_true (gloss_annotation_set_lookup (again, gloss_annotation_get_id (b)) != NULL);
  g_assert_false (gloss_annotation_set_get_dirty (again));
}

static const char expected_json[] =
  "{\n"
  "  \"version\": 1,\n"
  "  \"article\": {\n"
  "    \"file\": \"story.txt\",\n"
  "    \"sha256\": \"%s\",\n"
  "    \"length\": 67,\n"
  "    \"text_model\": 1\n"
  "  },\n"
  "  \"annotations\": [\n"
  "    {\n"
  "      \"id\": \"22222222-2222-4222-8222-222222222222\",\n"
  "      \"target\": {\n"
  "        \"start\": 0,\n"
  "        \"end\": 5,\n"
  "        \"exact\": \"Alpha\",\n"
  "        \"prefix\": \"\",\n"
  "        \"suffix\": \" beta gamma delta epsilon zeta e\"\n"
  "      },\n"
  "      \"color\": \"yellow\",\n"
  "      \"tags\": [],\n"
  "      \"note\": \"\",\n"
  "      \"created\": \"2026-11-25T18:50:00Z\",\n"
  "      \"modified\": \"2026-11-25T18:50:00Z\"\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"11111111-1111-4111-8111-111111111111\",\n"
  "      \"target\": {\n"
  "        \"start\": 6,\n"
  "        \"end\": 10,\n"
  "        \"exact\": \"beta\",\n"
  "        \"prefix\": \"Alpha \",\n"
  "        \"suffix\": \" gamma delta epsilon zeta eta th\"\n"
  "      },\n"
  "      \"color\": \"green\",\n"
  "      \"tags\": [\n"
  "        \"Greek\",\n"
  "        \"letters\"\n"
  "      ],\n"
  "      \"note\": \"Two lines:\\n\\\"quoted\\\"\",\n"
  "      \"created\": \"2026-11-25T18:55:00Z\",\n"
  "      \"modified\": \"2026-11-25T19:00:00Z\"\n"
  "    }\n"
  "  ],\n"
  "  \"deleted\": []\n"
  "}\n";

static void
test_exact_json (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) set = load_set (fixture);
  g_autoptr(GlossAnnotation) a = NULL;
  g_autoptr(GlossAnnotation) b = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  const char *tags[] = { "Greek", "letters", NULL };

  a = gloss_annotation_new_full ("11111111-1111-4111-8111-111111111111", 6, 10,
                                 "beta", "Alpha ", " gamma delta epsilon zeta eta th",
                                 "2026-11-25T18:55:00Z", NULL);
  gloss_annotation_set_color (a, "green");
  gloss_annotation_set_tags (a, tags);
  gloss_annotation_set_note (a, "Two lines:\n\"quoted\"");
  gloss_annotation_set_modified (a, "2026-11-25T19:00:00Z");
  b = gloss_annotation_new_full ("22222222-2222-4222-8222-222222222222", 0, 5,
                                 "Alpha", "", " beta gamma delta epsilon zeta e",
                                 "2026-11-25T18:50:00Z", NULL);
  gloss_annotation_set_add (set, a);
  gloss_annotation_set_add (set, b);
  save_set (set);

  contents = read_sidecar (fixture);
  expected = g_strdup_printf (expected_json, fixture->sha256);
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_not_written_unchanged (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) set = load_set (fixture);
  g_autoptr(GlossAnnotationSet) again = NULL;
  g_autoptr(GlossAnnotationSet) empty = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.txt", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autofree char *other_sidecar = g_strconcat (other_path, ".annotations.json", NULL);
  GStatBuf before, after;

  /* A set that never had an annotation creates no file. */
  empty = gloss_annotation_set_new (other, fixture->sha256, TEXT_LENGTH);
  save_set (empty);
  g_assert_false (g_file_test (other_sidecar, G_FILE_TEST_EXISTS));

  add (set, 0, 5);
  save_set (set);
  g_assert_cmpint (g_stat (fixture->sidecar_path, &before), ==, 0);

  save_set (set);
  again = load_set (fixture);
  save_set (again);

  g_assert_cmpint (g_stat (fixture->sidecar_path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
}

typedef struct
{
  const char *name;
  const char *contents;
  int         code;
  const char *message;
} Malformed;

#define ARTICLE "\"article\": {\"sha256\": \"x\", \"length\": 67, \"text_model\": 1}"
#define TARGET(start, end) "\"target\": {\"start\": " start ", \"end\": " end \
                           ", \"exact\": \"\"}"
#define TIMES "\"created\": \"" OLD "\", \"modified\": \"" OLD "\""
#define ONE(annotation) "{\"version\": 1, " ARTICLE ", \"annotations\": [" annotation "]}"

static const Malformed malformed[] = {
  { "empty", "", GLOSS_SIDECAR_ERROR_CORRUPT, "empty" },
  { "not-json", "{\"version\": 1,", GLOSS_SIDECAR_ERROR_CORRUPT, "not valid JSON" },
  { "array", "[1, 2]", GLOSS_SIDECAR_ERROR_CORRUPT, "not a JSON object" },
  { "invalid-utf8", "{\"version\": 1, \"x\": \"\xff\xfe\"}", GLOSS_SIDECAR_ERROR_CORRUPT,
    "not UTF-8" },
  { "no-version", "{" ARTICLE ", \"annotations\": []}", GLOSS_SIDECAR_ERROR_CORRUPT,
    "\"version\" is missing" },
  { "version-string", "{\"version\": \"1\"}", GLOSS_SIDECAR_ERROR_CORRUPT,
    "\"version\" is not a number" },
  { "version-0", "{\"version\": 0}", GLOSS_SIDECAR_ERROR_CORRUPT, "not a known version" },
  { "newer", "{\"version\": 2, \"anything\": [\"else\"]}", GLOSS_SIDECAR_ERROR_NEWER_VERSION,
    "newer" },
  { "no-article", "{\"version\": 1, \"annotations\": []}", GLOSS_SIDECAR_ERROR_CORRUPT,
    "\"article\" is missing" },
  { "no-annotations", "{\"version\": 1, " ARTICLE "}", GLOSS_SIDECAR_ERROR_CORRUPT,
    "\"annotations\" is missing" },
  { "annotations-object", "{\"version\": 1, " ARTICLE ", \"annotations\": {}}",
    GLOSS_SIDECAR_ERROR_CORRUPT, "\"annotations\" is not a list" },
  { "start-string", ONE ("{\"id\": \"a\", " TARGET ("\"3\"", "4") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"target.start\" is not a number" },
  { "start-float", ONE ("{\"id\": \"a\", " TARGET ("3.5", "4") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"target.start\" is not a whole number" },
  { "negative", ONE ("{\"id\": \"a\", " TARGET ("-1", "4") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"target.start\" is negative" },
  { "huge", ONE ("{\"id\": \"a\", " TARGET ("1", "2147483648") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"target.end\" is too large" },
  { "wrapping", ONE ("{\"id\": \"a\", " TARGET ("18446744073709551617", "2") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "a number with more than 18 digits" },
  { "reversed", ONE ("{\"id\": \"a\", " TARGET ("5", "4") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"target.end\" (4) is before" },
  { "beyond", ONE ("{\"id\": \"a\", " TARGET ("5", "68") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "beyond the end of the article text (67)" },
  { "no-id", ONE ("{" TARGET ("1", "2") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"id\" is missing" },
  { "no-target", ONE ("{\"id\": \"a\", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"target\" is missing" },
  { "no-exact", ONE ("{\"id\": \"a\", \"target\": {\"start\": 1, \"end\": 2}, " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"target.exact\" is missing" },
  { "no-created", ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", \"modified\": \"" OLD "\"}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"created\" is missing" },
  { "bad-time", ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", \"created\": \"today\", "
                     "\"modified\": \"" OLD "\"}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"created\" is not an ISO 8601 time" },
  { "tags-numbers", ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", \"tags\": [1], " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"tags\" has an item that is not a string" },
  { "note-number", ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", \"note\": 5, " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"note\" is not a string" },
  { "duplicate-ids", ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", " TIMES "}, "
                          "{\"id\": \"a\", " TARGET ("3", "4") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 2: the id \"a\" is used twice" },
  { "annotation-string", ONE ("\"a\""), GLOSS_SIDECAR_ERROR_CORRUPT,
    "annotation 1 is not an object" },
  { "deleted-bad", "{\"version\": 1, " ARTICLE ", \"annotations\": [], "
    "\"deleted\": [{\"id\": \"a\"}]}", GLOSS_SIDECAR_ERROR_CORRUPT,
    "deletion 1: \"deleted\" is missing" },
};

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GlossAnnotationSet) set = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_test_message ("%s", malformed[i].name);
      write_sidecar (fixture, malformed[i].contents, -1);

      set = gloss_annotation_set_new (fixture->article, fixture->sha256, TEXT_LENGTH);
      g_assert_false (gloss_annotation_set_load (set, NULL, &error));
      g_assert_error (error, GLOSS_SIDECAR_ERROR, malformed[i].code);
      if (strstr (error->message, malformed[i].message) == NULL)
        g_error ("%s: \"%s\" does not say \"%s\"", malformed[i].name, error->message,
                 malformed[i].message);
      g_assert_true (gloss_annotation_set_get_read_only (set));
      g_assert_nonnull (gloss_annotation_set_get_load_error (set));
      g_clear_error (&error);

      /* Saving refuses, and the file is left as it was. */
      add (set, 0, 5);
      g_assert_false (gloss_annotation_set_save (set, NULL, &error));
      g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_READ_ONLY);
      after = read_sidecar (fixture);
      g_assert_cmpstr (after, ==, malformed[i].contents);
    }
}

static void
test_nesting (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new ("{\"version\": 1, \"x\": ");
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  write_sidecar (fixture, deep->str, deep->len);

  set = gloss_annotation_set_new (fixture->article, fixture->sha256, TEXT_LENGTH);
  g_assert_false (gloss_annotation_set_load (set, NULL, &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_assert_false (gloss_annotation_set_save (set, NULL, NULL));
  after = read_sidecar (fixture);
  g_assert_cmpstr (after, ==, deep->str);
}

static void
test_same_text_other_length (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *contents = base_sidecar (fixture);
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GError) error = NULL;

  write_sidecar (fixture, contents, -1);
  set = gloss_annotation_set_new (fixture->article, fixture->sha256, TEXT_LENGTH + 1);
  g_assert_false (gloss_annotation_set_load (set, NULL, &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT);

  /* Another text: the offsets refer to the old one, which anchoring deals with. */
  g_clear_object (&set);
  set = gloss_annotation_set_new (fixture->article, "0000", 3);
  g_assert_true (gloss_annotation_set_load (set, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 3);
  g_assert_cmpstr (gloss_annotation_set_get_stored_sha256 (set), ==, fixture->sha256);
  g_assert_cmpuint (gloss_annotation_set_get_stored_length (set), ==, TEXT_LENGTH);
}

static void
test_unknown_members (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GlossAnnotationSet) set = NULL;
  GlossAnnotation *x1;

  contents = g_strdup_printf ("{\"version\": 1, \"article\": {\"sha256\": \"%s\", "
                              "\"length\": 67, \"text_model\": 1}, \"annotations\": ["
                              "{\"id\": \"x1\", \"motivation\": \"commenting\", "
                              "\"target\": {\"start\": 0, \"end\": 5, \"exact\": \"Alpha\"}, "
                              "\"created\": \"" OLD "\", \"modified\": \"" OLD "\", "
                              "\"links\": {\"b\": [1, 2.5, true, null, {}], \"a\": []}}]}",
                              fixture->sha256);
  write_sidecar (fixture, contents, -1);

  set = load_set (fixture);
  x1 = gloss_annotation_set_lookup (set, "x1");
  g_assert_nonnull (gloss_annotation_get_extra_members (x1));
  add (set, 6, 10);
  save_set (set);

  g_free (contents);
  contents = read_sidecar (fixture);
  g_assert_nonnull (strstr (contents,
                            "      \"modified\": \"" OLD "\",\n"
                            "      \"motivation\": \"commenting\",\n"
                            "      \"links\": {\n"
                            "        \"b\": [\n"
                            "          1,\n"
                            "          2.5,\n"
                            "          true,\n"
                            "          null,\n"
                            "          {}\n"
                            "        ],\n"
                            "        \"a\": []\n"
                            "      }\n"
                            "    },\n"));
}

/* Follows items-changed like a view would, to check that the signals add up. */
static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *shadow)
{
  g_assert_cmpuint (position + removed, <=, *shadow);
  *shadow = *shadow - removed + added;
  g_assert_cmpuint (*shadow, ==, g_list_model_get_n_items (model));
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *base = base_sidecar (fixture);
  g_autoptr(GlossAnnotationSet) a = NULL;
  g_autoptr(GlossAnnotationSet) b = NULL;
  g_autoptr(GlossAnnotationSet) c = NULL;
  g_autofree char *na_id = NULL;
  g_autofree char *nb_id = NULL;
  GlossAnnotation *x;
  guint shadow;

  write_sidecar (fixture, base, -1);
  a = load_set (fixture);
  b = load_set (fixture);

  /* A edits x1, deletes x2 and adds one; B edits x3 and adds one. */
  gloss_annotation_set_note (gloss_annotation_set_lookup (a, "x1"), "from A");
  g_assert_true (gloss_annotation_set_remove (a, gloss_annotation_set_lookup (a, "x2")));
  na_id = g_strdup (gloss_annotation_get_id (add (a, 40, 45)));
  gloss_annotation_set_color (gloss_annotation_set_lookup (b, "x3"), "red");
  nb_id = g_strdup (gloss_annotation_get_id (add (b, 46, 50)));

  shadow = g_list_model_get_n_items (G_LIST_MODEL (b));
  g_signal_connect (b, "items-changed", G_CALLBACK (on_items_changed), &shadow);
  save_set (a);
  save_set (b);
  g_signal_handlers_disconnect_by_func (b, on_items_changed, &shadow);

  /* B has taken in A's work, and told its views. */
  g_assert_cmpuint (shadow, ==, 4);
  g_assert_nonnull (gloss_annotation_set_lookup (b, na_id));
  g_assert_null (gloss_annotation_set_lookup (b, "x2"));
  g_assert_cmpstr (gloss_annotation_get_note (gloss_annotation_set_lookup (b, "x1")), ==,
                   "from A");

  c = load_set (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (c)), ==, 4);
  g_assert_cmpstr (gloss_annotation_get_note (gloss_annotation_set_lookup (c, "x1")), ==,
                   "from A");
  g_assert_cmpstr (gloss_annotation_get_color (gloss_annotation_set_lookup (c, "x3")), ==,
                   "red");
  g_assert_null (gloss_annotation_set_lookup (c, "x2"));
  g_assert_nonnull (gloss_annotation_set_get_deletion_time (c, "x2"));
  g_assert_nonnull (gloss_annotation_set_lookup (c, na_id));
  g_assert_nonnull (gloss_annotation_set_lookup (c, nb_id));

  /* A saves again: it takes in B's work. */
  gloss_annotation_set_note (gloss_annotation_set_lookup (a, na_id), "A again");
  save_set (a);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (a)), ==, 4);
  x = gloss_annotation_set_lookup (a, "x3");
  g_assert_cmpstr (gloss_annotation_get_color (x), ==, "red");
  g_assert_nonnull (gloss_annotation_set_lookup (a, nb_id));
}

static void
test_tombstones (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *base = base_sidecar (fixture);
  g_autoptr(GlossAnnotationSet) a = NULL;
  g_autoptr(GlossAnnotationSet) b = NULL;
  g_autoptr(GlossAnnotationSet) c = NULL;
  g_autoptr(GlossAnnotationSet) d = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) recent = g_date_time_add_days (now, -10);
  g_autofree char *recent_time = g_date_time_format (recent, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *contents = NULL;
  g_autoptr(GString) with_tombstones = NULL;

  write_sidecar (fixture, base, -1);
  a = load_set (fixture);
  b = load_set (fixture);

  /* A deletes x1 and x2; B, which still has them, adds something and saves. */
  gloss_annotation_set_remove (a, gloss_annotation_set_lookup (a, "x1"));
  gloss_annotation_set_remove (a, gloss_annotation_set_lookup (a, "x2"));
  save_set (a);
  /* B edits x2 after the deletion: that one survives. */
  gloss_annotation_set_note (gloss_annotation_set_lookup (b, "x2"), "still needed");
  gloss_annotation_set_modified (gloss_annotation_set_lookup (b, "x2"), "2999-01-01T00:00:00Z");
  add (b, 40, 45);
  save_set (b);

  g_assert_null (gloss_annotation_set_lookup (b, "x1"));
  g_assert_nonnull (gloss_annotation_set_lookup (b, "x2"));
  c = load_set (fixture);
  g_assert_null (gloss_annotation_set_lookup (c, "x1"));
  g_assert_nonnull (gloss_annotation_set_get_deletion_time (c, "x1"));
  g_assert_nonnull (gloss_annotation_set_lookup (c, "x2"));
  g_assert_null (gloss_annotation_set_get_deletion_time (c, "x2"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (c)), ==, 3);

  /* Tombstones older than 90 days are dropped on save, newer ones kept. */
  with_tombstones = g_string_new (base);
  g_string_truncate (with_tombstones, with_tombstones->len - 3);
  g_string_append_printf (with_tombstones,
                          "], \"deleted\": [{\"id\": \"old\", \"deleted\": \"%s\"}, "
                          "{\"id\": \"recent\", \"deleted\": \"%s\"}]}\n", OLD, recent_time);
  write_sidecar (fixture, with_tombstones->str, with_tombstones->len);
  d = load_set (fixture);
  g_assert_nonnull (gloss_annotation_set_get_deletion_time (d, "old"));
  add (d, 40, 45);
  save_set (d);
  contents = read_sidecar (fixture);
  g_assert_null (strstr (contents, "\"old\""));
  g_assert_nonnull (strstr (contents, "\"recent\""));
}

static void
test_changed_into_garbage (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) set = load_set (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  add (set, 0, 5);
  save_set (set);
  write_sidecar (fixture, "{ broken by a sync conflict", -1);

  add (set, 6, 10);
  g_assert_false (gloss_annotation_set_save (set, NULL, &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "changed elsewhere"));
  g_assert_true (gloss_annotation_set_get_dirty (set));
  after = read_sidecar (fixture);
  g_assert_cmpstr (after, ==, "{ broken by a sync conflict");
}

static void
test_symlink (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *outside = g_build_filename (fixture->dir, "outside.json", NULL);
  g_autofree char *base = base_sidecar (fixture);
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GlossAnnotationSet) early = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  /* Loaded before the link appears: saving refuses it too. */
  early = load_set (fixture);
  add (early, 0, 5);

  g_file_set_contents (outside, base, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink (outside, fixture->sidecar_path), ==, 0);

  set = gloss_annotation_set_new (fixture->article, fixture->sha256, TEXT_LENGTH);
  g_assert_false (gloss_annotation_set_load (set, NULL, &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_SYMLINK);
  g_assert_true (gloss_annotation_set_get_read_only (set));
  g_clear_error (&error);

  g_assert_false (gloss_annotation_set_save (early, NULL, &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_SYMLINK);
  g_assert_true (g_file_test (fixture->sidecar_path, G_FILE_TEST_IS_SYMLINK));
  g_file_get_contents (outside, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, base);
}

static void
test_not_a_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GError) error = NULL;

  /* A FIFO would block a plain open() until someone writes to it. */
  g_assert_cmpint (mkfifo (fixture->sidecar_path, 0644), ==, 0);
  set = gloss_annotation_set_new (fixture->article, fixture->sha256, TEXT_LENGTH);
  g_assert_false (gloss_annotation_set_load (set, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_true (gloss_annotation_set_get_read_only (set));
  g_clear_error (&error);
  g_remove (fixture->sidecar_path);

  g_clear_object (&set);
  g_assert_cmpint (g_mkdir (fixture->sidecar_path, 0755), ==, 0);
  set = gloss_annotation_set_new (fixture->article, fixture->sha256, TEXT_LENGTH);
  g_assert_false (gloss_annotation_set_load (set, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  add (set, 0, 5);
  g_assert_false (gloss_annotation_set_save (set, NULL, NULL));
  g_assert_true (g_file_test (fixture->sidecar_path, G_FILE_TEST_IS_DIR));
}

static void
test_fallback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "read-only", NULL);
  g_autofree char *path = g_build_filename (folder, "story.txt", NULL);
  g_autoptr(GFile) article = g_file_new_for_path (path);
  g_autoptr(GFile) fallback = gloss_sidecar_get_fallback (article);
  g_autoptr(GFile) next_to = gloss_sidecar_get_next_to (article);
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GlossAnnotationSet) again = NULL;
  g_autoptr(GFile) where = NULL;
  gboolean is_fallback = FALSE;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, TEXT, -1, NULL));
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  if (access (folder, W_OK) == 0)
    {
      g_test_skip ("the folder is still writable (running as root?)");
      return;
    }

  set = gloss_annotation_set_new (article, fixture->sha256, TEXT_LENGTH);
  g_assert_true (gloss_annotation_set_load (set, NULL, NULL));
  where = gloss_annotation_set_get_sidecar_file (set, &is_fallback);
  g_assert_true (is_fallback);
  g_assert_true (g_file_equal (where, fallback));

  add (set, 0, 5);
  save_set (set);
  g_assert_true (g_file_query_exists (fallback, NULL));
  g_assert_false (g_file_query_exists (next_to, NULL));

  again = gloss_annotation_set_new (article, fixture->sha256, TEXT_LENGTH);
  g_assert_true (gloss_annotation_set_load (again, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);

  g_file_delete (fallback, NULL, NULL);
}

/* Whatever the permissions, a sidecar in the fallback location is found and saved there
 * (this part also runs as root). */
static void
test_fallback_existing (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) fallback = gloss_sidecar_get_fallback (fixture->article);
  g_autoptr(GFile) parent = g_file_get_parent (fallback);
  g_autofree char *parent_path = g_file_get_path (parent);
  g_autofree char *fallback_path = g_file_get_path (fallback);
  g_autofree char *base = base_sidecar (fixture);
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GlossAnnotationSet) again = NULL;
  g_autoptr(GFile) where = NULL;
  gboolean is_fallback = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (parent_path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (fallback_path, base, -1, NULL));

  set = load_set (fixture);
  where = gloss_annotation_set_get_sidecar_file (set, &is_fallback);
  g_assert_true (is_fallback);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 3);
  add (set, 40, 45);
  save_set (set);
  g_assert_false (g_file_test (fixture->sidecar_path, G_FILE_TEST_EXISTS));

  again = load_set (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 4);

  g_remove (fallback_path);
}

static void
test_large (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GlossAnnotationSet) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  guint length, n = 20000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%sw%05u", i > 0 ? " " : "", i);
  length = text->len;
  sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);

  set = gloss_annotation_set_new (fixture->article, sha256, length);
  g_assert_true (gloss_annotation_set_load (set, NULL, NULL));
  /* In reverse, so that each one goes to the front. */
  for (guint i = n; i-- > 0;)
    {
      g_autofree char *word = g_strdup_printf ("w%05u", i);
      g_autoptr(GlossAnnotation) annotation = NULL;

      annotation = gloss_annotation_new_full (word, i * 7, i * 7 + 6, word, "", " ", NULL, NULL);

      if (i % 3 == 0)
        gloss_annotation_set_note (annotation, "a note");
      g_assert_true (gloss_annotation_set_add (set, annotation));
    }
  gloss_annotation_set_save (set, NULL, &error);
  g_assert_no_error (error);

  again = gloss_annotation_set_new (fixture->article, sha256, length);
  gloss_annotation_set_load (again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, n);
  for (guint i = 0; i < n; i += 997)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (again), i);
      g_autofree char *word = g_strdup_printf ("w%05u", i);

      g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, i * 7);
      g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, word);
      g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, i % 3 == 0 ? "a note" : "");
    }
}

static gpointer
load_in_thread (gpointer data)
{
  Fixture *fixture = data;

  return load_set (fixture);
}

static void
test_thread (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autofree char *base = base_sidecar (fixture);
  GThread *thread;

  write_sidecar (fixture, base, -1);
  thread = g_thread_new ("load", load_in_thread, fixture);
  set = g_thread_join (thread);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 3);
}

/* The JSON scanner under the reader. */

typedef struct
{
  const char            *name;
  const char            *json;
  gssize                 len;       /* -1: up to the NUL */
  GlossJsonScannerError  code;
  const char            *message;   /* part of the message, with the position */
} BadJson;

static const BadJson bad_json[] = {
  /* truncated */
  { "eof-object", "{\"a\": 1", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX,
    "not valid JSON (line 1, column 8: unexpected end of file)" },
  { "eof-member", "{\"a\"", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "unexpected end of file" },
  { "eof-string", "[\"abc", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "unexpected end of file" },
  { "eof-escape", "[\"abc\\", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "unexpected end of file" },
  { "eof-number", "[-", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "unexpected end of file" },
  { "eof-literal", "[tru", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "unexpected end of file" },
  { "empty", "", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "line 1, column 1: unexpected end" },
  { "blank", " \n ", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "line 2, column 2: unexpected end" },
  /* trailing garbage */
  { "garbage", "{} x", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX,
    "line 1, column 4: expected nothing more after the JSON value, found 'x'" },
  { "two-values", "{}{}", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "column 3: expected nothing" },
  { "trailing-comma-array", "[1,]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX,
    "column 4: expected a value, found ']'" },
  { "trailing-comma-object", "{\"a\": 1,}", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX,
    "expected a member name in double quotes, found '}'" },
  { "no-colon", "{\"a\" 1}", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "expected ':'" },
  { "bare-name", "{a: 1}", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "expected a member name" },
  { "single-quotes", "['a']", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "found '''" },
  { "comment", "[1 /* no */]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "expected ',' or ']'" },
  { "mismatched", "[1}", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "expected ',' or ']'" },
  { "unexpected-unicode", "[\xc3\xa9]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX,
    "expected a value, found U+00E9" },
  /* escapes */
  { "bad-escape", "[\"a\\x41\"]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX,
    "column 5: expected an escape" },
  { "short-u", "[\"\\u12\"]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "four hexadecimal digits" },
  { "bad-hex", "[\"\\u12G4\"]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX,
    "four hexadecimal digits" },
  { "nul-escape", "[\"a\\u0000b\"]", -1, GLOSS_JSON_SCANNER_ERROR_NUL, "NUL character" },
  /* lone surrogates */
  { "lone-high", "[\"\\ud800\"]", -1, GLOSS_JSON_SCANNER_ERROR_SURROGATE,
    "not valid Unicode (a lone surrogate) (line 1, column 3)" },
  { "lone-low", "[\"\\udc00\"]", -1, GLOSS_JSON_SCANNER_ERROR_SURROGATE, "lone surrogate" },
  { "high-then-char", "[\"\\ud83dx\"]", -1, GLOSS_JSON_SCANNER_ERROR_SURROGATE,
    "lone surrogate" },
  { "high-then-other", "[\"\\ud83d\\u0041\"]", -1, GLOSS_JSON_SCANNER_ERROR_SURROGATE,
    "lone surrogate" },
  { "two-highs", "[\"\\ud83d\\ud83d\"]", -1, GLOSS_JSON_SCANNER_ERROR_SURROGATE,
    "lone surrogate" },
  { "high-at-end", "[\"\\ud83d", -1, GLOSS_JSON_SCANNER_ERROR_SURROGATE, "lone surrogate" },
  /* invalid UTF-8 */
  { "utf8-ff", "[\"\xff\"]", -1, GLOSS_JSON_SCANNER_ERROR_UTF8,
    "not UTF-8 text (line 1, column 3)" },
  { "utf8-overlong", "[\"\xc0\xaf\"]", -1, GLOSS_JSON_SCANNER_ERROR_UTF8, "not UTF-8" },
  { "utf8-overlong-3", "[\"\xe0\x80\xaf\"]", -1, GLOSS_JSON_SCANNER_ERROR_UTF8, "not UTF-8" },
  { "utf8-surrogate", "[\"\xed\xa0\x80\"]", -1, GLOSS_JSON_SCANNER_ERROR_UTF8, "not UTF-8" },
  { "utf8-beyond", "[\"\xf4\x90\x80\x80\"]", -1, GLOSS_JSON_SCANNER_ERROR_UTF8, "not UTF-8" },
  { "utf8-truncated", "[\"\xe2\x82\"]", -1, GLOSS_JSON_SCANNER_ERROR_UTF8, "not UTF-8" },
  { "utf8-cut-at-end", "[\"\xe2\x82", -1, GLOSS_JSON_SCANNER_ERROR_UTF8, "not UTF-8" },
  { "utf8-continuation", "[\"a\x80\"]", -1, GLOSS_JSON_SCANNER_ERROR_UTF8, "column 4" },
  { "utf8-outside", "[1, \xff]", -1, GLOSS_JSON_SCANNER_ERROR_UTF8, "column 5" },
  { "utf8-in-name", "{\"\xfe\": 1}", -1, GLOSS_JSON_SCANNER_ERROR_UTF8, "not UTF-8" },
  { "nul-byte", "[\"a\0b\"]", 7, GLOSS_JSON_SCANNER_ERROR_UTF8, "not UTF-8" },
  { "nul-byte-outside", "[1,\0 2]", 7, GLOSS_JSON_SCANNER_ERROR_UTF8, "not UTF-8" },
  /* control characters in strings */
  { "raw-tab", "[\"a\tb\"]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX,
    "control character U+0009 must be written as an escape" },
  { "raw-newline", "[\"a\nb\"]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "U+000A" },
  { "raw-01", "[\"\x01\"]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "U+0001" },
  /* numbers */
  { "leading-zero", "[01]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "cannot start with 0" },
  { "leading-zeros", "[00]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "cannot start with 0" },
  { "negative-leading-zero", "[-01.5]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX,
    "cannot start with 0" },
  { "no-fraction", "[1.]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "a digit after '.'" },
  { "no-integer", "[.5]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "expected a value" },
  { "plus", "[+1]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "expected a value" },
  { "minus-alone", "[-x]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "a digit after '-'" },
  { "hex", "[0x10]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "expected ',' or ']', found 'x'" },
  { "no-exponent", "[1e]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "a digit in the exponent" },
  { "no-exponent-sign", "[1e+]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "exponent" },
  { "2^63", "[9223372036854775808]", -1, GLOSS_JSON_SCANNER_ERROR_NUMBER,
    "more than 18 digits (line 1, column 2)" },
  { "-2^63-1", "[-9223372036854775809]", -1, GLOSS_JSON_SCANNER_ERROR_NUMBER, "18 digits" },
  { "19-digits", "[1000000000000000000]", -1, GLOSS_JSON_SCANNER_ERROR_NUMBER, "18 digits" },
  { "2^64+1", "[18446744073709551617]", -1, GLOSS_JSON_SCANNER_ERROR_NUMBER, "18 digits" },
  /* literals */
  { "True", "[True]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "expected a value, found 'T'" },
  { "nul", "[nul]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "found ']'" },
  { "NaN", "[NaN]", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX, "expected a value" },
  /* positions count lines, and characters (not bytes) in a line */
  { "position", "{\n  \"a\": [\"\xc3\xa9\xe2\x98\x83\", tru]\n}", -1,
    GLOSS_JSON_SCANNER_ERROR_SYNTAX, "line 2, column 18: expected a value, found ']'" },
  { "position-crlf", "[\r\n1,\r\n2,\r\n}", -1, GLOSS_JSON_SCANNER_ERROR_SYNTAX,
    "line 4, column 1" },
};

/* Reads every token of @json, as the reader would; returns the first error. */
static GError *
scan_all (const char *json,
          gsize       len,
          guint       max_depth)
{
  g_autoptr(GlossJsonScanner) scanner = gloss_json_scanner_new (json, len, max_depth);
  GError *error = NULL;
  GlossJsonToken token;

  while ((token = gloss_json_scanner_next (scanner, &error)) != GLOSS_JSON_TOKEN_END)
    if (token == GLOSS_JSON_TOKEN_ERROR)
      {
        g_assert_nonnull (error);
        g_assert_true (g_utf8_validate (error->message, -1, NULL));
        return error;
      }

  g_assert_no_error (error);
  return NULL;
}

static void
test_scanner_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_json); i++)
    {
      const BadJson *bad = &bad_json[i];
      gsize len = bad->len < 0 ? strlen (bad->json) : (gsize) bad->len;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) skip_error = NULL;
      g_autoptr(GlossJsonScanner) scanner = NULL;
      GlossJsonToken token;

      g_test_message ("%s", bad->name);
      error = scan_all (bad->json, len, 64);
      if (error == NULL)
        g_error ("%s: no error", bad->name);
      g_assert_error (error, GLOSS_JSON_SCANNER_ERROR, (int) bad->code);
      if (strstr (error->message, bad->message) == NULL)
        g_error ("%s: \"%s\" does not say \"%s\"", bad->name, error->message, bad->message);

      /* Skipping checks as much as reading, and then nothing more comes. */
      scanner = gloss_json_scanner_new (bad->json, len, 64);
      token = gloss_json_scanner_next (scanner, &skip_error);
      if (token != GLOSS_JSON_TOKEN_ERROR)
        {
          if (gloss_json_scanner_skip (scanner, token, &skip_error))
            token = gloss_json_scanner_next (scanner, &skip_error);
          else
            token = GLOSS_JSON_TOKEN_ERROR;
        }
      g_assert_cmpint (token, ==, GLOSS_JSON_TOKEN_ERROR);
      g_assert_cmpstr (skip_error->message, ==, error->message);
      g_clear_error (&skip_error);
      g_assert_cmpint (gloss_json_scanner_next (scanner, &skip_error), ==,
                       GLOSS_JSON_TOKEN_ERROR);
    }
}

static void
test_scanner_tokens (void)
{
  static const char json[] =
    "\xef\xbb\xbf {\"s\": \"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00 \xe2\x98\x83\","
    " \"n\": [0, -0, 7, -42, 999999999999999999, -999999999999999999, 1.5, -2.5e-3, 1E2,"
    " 1e400, -0.0], \"l\": [true, false, null], \"e\": {}, \"f\": [[]]}\n";
  static const GlossJsonToken expected[] = {
    GLOSS_JSON_TOKEN_BEGIN_OBJECT,
    GLOSS_JSON_TOKEN_MEMBER, GLOSS_JSON_TOKEN_STRING,
    GLOSS_JSON_TOKEN_MEMBER, GLOSS_JSON_TOKEN_BEGIN_ARRAY,
    GLOSS_JSON_TOKEN_INT, GLOSS_JSON_TOKEN_INT, GLOSS_JSON_TOKEN_INT, GLOSS_JSON_TOKEN_INT,
    GLOSS_JSON_TOKEN_INT, GLOSS_JSON_TOKEN_INT, GLOSS_JSON_TOKEN_DOUBLE,
    GLOSS_JSON_TOKEN_DOUBLE, GLOSS_JSON_TOKEN_DOUBLE, GLOSS_JSON_TOKEN_DOUBLE,
    GLOSS_JSON_TOKEN_DOUBLE, GLOSS_JSON_TOKEN_END_ARRAY,
    GLOSS_JSON_TOKEN_MEMBER, GLOSS_JSON_TOKEN_BEGIN_ARRAY, GLOSS_JSON_TOKEN_TRUE,
    GLOSS_JSON_TOKEN_FALSE, GLOSS_JSON_TOKEN_NULL, GLOSS_JSON_TOKEN_END_ARRAY,
    GLOSS_JSON_TOKEN_MEMBER, GLOSS_JSON_TOKEN_BEGIN_OBJECT, GLOSS_JSON_TOKEN_END_OBJECT,
    GLOSS_JSON_TOKEN_MEMBER, GLOSS_JSON_TOKEN_BEGIN_ARRAY, GLOSS_JSON_TOKEN_BEGIN_ARRAY,
    GLOSS_JSON_TOKEN_END_ARRAY, GLOSS_JSON_TOKEN_END_ARRAY,
    GLOSS_JSON_TOKEN_END_OBJECT, GLOSS_JSON_TOKEN_END,
  };
  static const gint64 ints[] = { 0, 0, 7, -42, 999999999999999999, -999999999999999999 };
  g_autoptr(GlossJsonScanner) scanner = gloss_json_scanner_new (json, strlen (json), 64);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) doubles = g_ptr_array_new ();
  guint n_ints = 0, n_doubles = 0;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GlossJsonToken token = gloss_json_scanner_next (scanner, &error);

      g_assert_no_error (error);
      g_assert_cmpint (token, ==, expected[i]);
      if (i == 2)
        {
          g_autofree char *s = gloss_json_scanner_dup_string (scanner);

          g_assert_cmpstr (s, ==, "a\"\\/\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 "
                           "\xe2\x98\x83");
        }
      if (i == 1)
        g_assert_true (gloss_json_scanner_string_equal (scanner, "s"));
      if (token == GLOSS_JSON_TOKEN_INT)
        g_assert_cmpint (gloss_json_scanner_get_int (scanner), ==, ints[n_ints++]);
      if (token == GLOSS_JSON_TOKEN_DOUBLE)
        {
          double d = gloss_json_scanner_get_double (scanner);

          switch (n_doubles++)
            {
            case 0: g_assert_cmpfloat (d, ==, 1.5); break;
            case 1: g_assert_cmpfloat (d, ==, -2.5e-3); break;
            case 2: g_assert_cmpfloat (d, ==, 100.0); break;
            case 3: g_assert_true (isinf (d)); break;
            default: g_assert_true (d == 0.0 && signbit (d));
            }
        }
    }
  g_assert_cmpuint (n_ints, ==, G_N_ELEMENTS (ints));
  g_assert_cmpuint (n_doubles, ==, 5);
}

static void
test_scanner_depth (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  /* 64 levels are allowed, 65 are not. */
  for (guint i = 0; i < 64; i++)
    g_string_append (deep, i % 2 ? "[" : "{\"a\":");
  g_string_append (deep, "1");
  for (guint i = 64; i-- > 0;)
    g_string_append_c (deep, i % 2 ? ']' : '}');
  g_assert_null (scan_all (deep->str, deep->len, 64));
  error = scan_all (deep->str, deep->len, 63);
  g_assert_error (error, GLOSS_JSON_SCANNER_ERROR, GLOSS_JSON_SCANNER_ERROR_DEPTH);
  g_assert_nonnull (strstr (error->message, "nested more than 63 levels deep"));
  g_clear_error (&error);

  /* 100,000 deep: a clean error (no recursion), also when skipping and building nodes. */
  g_string_truncate (deep, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "[{\"a\":");
  error = scan_all (deep->str, deep->len, 64);
  g_assert_error (error, GLOSS_JSON_SCANNER_ERROR, GLOSS_JSON_SCANNER_ERROR_DEPTH);
  g_assert_nonnull (strstr (error->message, "(line 1, column 193)"));
  g_clear_error (&error);

  {
    g_autoptr(GlossJsonScanner) scanner = gloss_json_scanner_new (deep->str, deep->len, 64);
    GlossJsonToken token = gloss_json_scanner_next (scanner, &error);
    g_autoptr(JsonNode) node = gloss_json_scanner_read_node (scanner, token, &error);

    g_assert_null (node);
    g_assert_error (error, GLOSS_JSON_SCANNER_ERROR, GLOSS_JSON_SCANNER_ERROR_DEPTH);
  }
}

static void
test_scanner_read_node (void)
{
  static const char json[] =
    "{\"b\": [1, 2.5, true, null, {}, \"x\\ny\"], \"a\": {\"z\": -3, \"y\": []}}";
  g_autoptr(GlossJsonScanner) scanner = gloss_json_scanner_new (json, strlen (json), 64);
  g_autoptr(GlossJsonScanner) twice = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  const char *dup = "[{\"a\": 1, \"b\": 2, \"a\": 3}]";

  node = gloss_json_scanner_read_node (scanner, gloss_json_scanner_next (scanner, &error),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_json_scanner_next (scanner, &error), ==, GLOSS_JSON_TOKEN_END);
  json_generator_set_root (generator, node);
  written = json_generator_to_data (generator, NULL);
  /* Members in their order; integers stay integers, doubles doubles. */
  g_assert_cmpstr (written, ==,
                   "{\"b\":[1,2.5,true,null,{},\"x\\ny\"],\"a\":{\"z\":-3,\"y\":[]}}");

  twice = gloss_json_scanner_new (dup, strlen (dup), 64);
  g_clear_pointer (&node, json_node_unref);
  node = gloss_json_scanner_read_node (twice, gloss_json_scanner_next (twice, &error), &error);
  g_assert_null (node);
  g_assert_error (error, GLOSS_JSON_SCANNER_ERROR, GLOSS_JSON_SCANNER_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "has the member \"a\" twice (line 1, column 19)"));
}

/* The string loop looks at eight bytes at a time: whatever needs a look must be found at
 * every place in such a block, by both the checking and the trusting scanner. */
static void
test_scanner_long_strings (void)
{
  static const struct
  {
    const char            *insert;
    const char            *decoded;  /* NULL: an error */
    GlossJsonScannerError  code;
  } cases[] = {
    { "\\n", "\n", 0 },
    { "\\\"", "\"", 0 },
    { "\\ud83d\\ude00", "\xf0\x9f\x98\x80", 0 },
    { "\xc3\xa9", "\xc3\xa9", 0 },
    { "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80", 0 },
    { "\x7f", "\x7f", 0 },
    { "\x01", NULL, GLOSS_JSON_SCANNER_ERROR_SYNTAX },
    { "\x1f", NULL, GLOSS_JSON_SCANNER_ERROR_SYNTAX },
    { "\xff", NULL, GLOSS_JSON_SCANNER_ERROR_UTF8 },
    { "\xc3", NULL, GLOSS_JSON_SCANNER_ERROR_UTF8 },
    { "\x80", NULL, GLOSS_JSON_SCANNER_ERROR_UTF8 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint at = 0; at < 20; at++)
      {
        g_autofree char *before = g_strnfill (at, 'a');
        g_autofree char *after = g_strnfill (23 - at, 'b');
        g_autofree char *json = g_strconcat ("[\"", before, cases[c].insert, after, "\"]",
                                             NULL);
        g_autofree char *expected = g_strconcat (before, cases[c].decoded, after, NULL);
        g_autoptr(GlossJsonScanner) scanner = gloss_json_scanner_new (json, strlen (json), 64);
        g_autoptr(GlossJsonScanner) trusting = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *string = NULL;
        g_autofree char *column = NULL;

        g_assert_cmpint (gloss_json_scanner_next (scanner, &error), ==,
                         GLOSS_JSON_TOKEN_BEGIN_ARRAY);
        if (cases[c].decoded == NULL)
          {
            g_assert_cmpint (gloss_json_scanner_next (scanner, &error), ==,
                             GLOSS_JSON_TOKEN_ERROR);
            g_assert_error (error, GLOSS_JSON_SCANNER_ERROR, (int) cases[c].code);
            column = g_strdup_printf ("(line 1, column %u", at + 3);
            g_assert_nonnull (strstr (error->message, column));
            continue;
          }

        g_assert_cmpint (gloss_json_scanner_next (scanner, &error), ==,
                         GLOSS_JSON_TOKEN_STRING);
        string = gloss_json_scanner_dup_string (scanner);
        g_assert_cmpstr (string, ==, expected);
        g_clear_pointer (&string, g_free);

        trusting = gloss_json_scanner_new_trusted (json, 1, strlen (json) - 1, 63);
        g_assert_cmpint (gloss_json_scanner_next (trusting, &error), ==,
                         GLOSS_JSON_TOKEN_STRING);
        string = gloss_json_scanner_dup_string (trusting);
        g_assert_cmpstr (string, ==, expected);
        g_assert_cmpint (gloss_json_scanner_next (trusting, &error), ==, GLOSS_JSON_TOKEN_END);
        g_assert_no_error (error);
      }
}

/* The reader, against json-glib reading the same file: the annotations must be the same
 * as when the sidecar was read through json-glib's tree. */
static void
assert_same_as_json_glib (const char           *json,
                          GlossSidecarContents *contents)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *array;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  array = json_object_get_array_member (root, "annotations");
  g_assert_cmpuint (json_array_get_length (array), ==, contents->annotations->len);
  g_assert_cmpstr (contents->sha256, ==,
                   json_object_get_string_member (json_object_get_object_member (root,
                                                                                 "article"),
                                                  "sha256"));

  for (guint i = 0; i < contents->annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (contents->annotations, i);
      JsonObject *object = json_array_get_object_element (array, i);
      JsonObject *target = json_object_get_object_member (object, "target");
      g_autoptr(GPtrArray) tags = g_ptr_array_new ();
      g_auto(GStrv) normal = NULL;
      g_autofree char *created = NULL;
      g_autofree char *modified = NULL;
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (object);
      JsonObject *ours = gloss_annotation_get_extra_members (annotation);

      g_assert_cmpstr (gloss_annotation_get_id (annotation), ==,
                       json_object_get_string_member (object, "id"));
      g_assert_cmpint (gloss_annotation_get_start (annotation), ==,
                       json_object_get_int_member (target, "start"));
      g_assert_cmpint (gloss_annotation_get_end (annotation), ==,
                       json_object_get_int_member (target, "end"));
      g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==,
                       json_object_get_string_member (target, "exact"));
      g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==,
                       json_object_get_string_member_with_default (target, "prefix", ""));
      g_assert_cmpstr (gloss_annotation_get_suffix (annotation), ==,
                       json_object_get_string_member_with_default (target, "suffix", ""));
      g_assert_cmpstr (gloss_annotation_get_color (annotation), ==,
                       json_object_get_string_member_with_default (object, "color", "yellow"));
      g_assert_cmpstr (gloss_annotation_get_note (annotation), ==,
                       json_object_get_string_member_with_default (object, "note", ""));
      if (json_object_has_member (object, "tags"))
        {
          JsonArray *list = json_object_get_array_member (object, "tags");

          for (guint j = 0; j < json_array_get_length (list); j++)
            g_ptr_array_add (tags, (gpointer) json_array_get_string_element (list, j));
        }
      g_ptr_array_add (tags, NULL);
      normal = gloss_annotation_normalize_tags ((const char * const *) tags->pdata);
      g_assert_cmpstrv (gloss_annotation_get_tags (annotation), normal);
      created = gloss_annotation_normalize_time (json_object_get_string_member (object,
                                                                                "created"));
      modified = gloss_annotation_normalize_time (json_object_get_string_member (object,
                                                                                 "modified"));
      g_assert_cmpstr (gloss_annotation_get_created (annotation), ==, created);
      g_assert_cmpstr (gloss_annotation_get_modified (annotation), ==, modified);

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_strv_contains ((const char * const []) { "id", "target", "color", "tags",
                                                        "note", "created", "modified", NULL },
                              l->data))
          json_object_set_member (extra, l->data,
                                  json_node_copy (json_object_get_member (object, l->data)));
      if (json_object_get_size (extra) == 0)
        g_assert_null (ours);
      else
        {
          g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), extra);
          g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), ours);
          g_autoptr(GList) a_members = json_object_get_members (extra);
          g_autoptr(GList) b_members = json_object_get_members (ours);

          g_assert_nonnull (ours);
          g_assert_true (json_node_equal (a, b));
          /* Also in the same order, which json_node_equal() does not look at. */
          for (GList *x = a_members, *y = b_members; x || y; x = x->next, y = y->next)
            g_assert_cmpstr (x ? x->data : NULL, ==, y ? y->data : NULL);
        }
    }
}

static void
test_same_as_json_glib (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GlossAnnotationSet) set = load_set (fixture);
  g_autoptr(GlossSidecarContents) contents = NULL;
  g_autoptr(GlossSidecarContents) unusual = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *written = NULL;
  const char *tags[] = { "Économie", "source: AP", "x\ty", NULL };
  GlossAnnotation *a;

  /* What Gloss writes... */
  a = add (set, 6, 16);
  gloss_annotation_set_color (a, "purple");
  gloss_annotation_set_tags (a, tags);
  gloss_annotation_set_note (a, "Two lines,\n\"quoted\" and \\ back\tslash \x01 ☃ "
                             "\xf0\x9f\x98\x80");
  gloss_annotation_set_note (add (set, 64, 67), "end of text");
  add (set, 0, 5);
  save_set (set);
  saved = read_sidecar (fixture);
  contents = gloss_sidecar_parse (saved, strlen (saved), &error);
  g_assert_no_error (error);
  assert_same_as_json_glib (saved, contents);
  written = gloss_sidecar_serialize (contents, NULL);
  g_assert_cmpstr (written, ==, saved);

  /* ... and what other writers may: any member order, escapes, unknown members, tags to
   * normalise, other time forms, a byte-order mark. */
  static const char other[] =
    "\xef\xbb\xbf{\"annotations\": [\n"
    " {\"modified\": \"2026-11-25T20:00:00+01:00\", \"x-list\": [1, -2, 2.5, 1e2, \"s\\u00e9\","
    "  {\"k\": null, \"j\": [true, false]}], \"target\": {\"suffix\": \"\\ud83d\\ude00\","
    "  \"end\": 10, \"extra\": {\"ignored\": 1}, \"exact\": \"be\\u0074a\", \"start\": 6},"
    "  \"tags\": [\" Greek \", \"greek\", \"\", \"ÉTÉ\", \"été\", \"b\"], \"id\": \"\\u00e9-1\","
    "  \"created\": \"2026-11-25T18:55:00.5Z\", \"motivation\": \"commenting\"},\n"
    " {\"id\": \"plain\", \"target\": {\"start\": 0, \"end\": 0, \"exact\": \"\"},"
    "  \"color\": \"teal\", \"note\": \"\\/\\b\\f\\r\", \"created\": \"2020-01-01T00:00:00Z\","
    "  \"modified\": \"2020-01-01T00:00:00Z\"}],\n"
    " \"deleted\": [{\"id\": \"gone\", \"deleted\": \"2026-01-01T00:00:00Z\", \"by\": \"x\"},"
    "  {\"id\": \"gone\", \"deleted\": \"2026-02-01T00:00:00Z\"}],\n"
    " \"article\": {\"text_model\": 1, \"length\": 67, \"sha256\": \"abc\", \"new\": [1]},\n"
    " \"unknown\": {\"deep\": [[[]]]}, \"version\": 1}\n";
  unusual = gloss_sidecar_parse (other, strlen (other), &error);
  g_assert_no_error (error);
  assert_same_as_json_glib (other + 3, unusual);
  g_assert_cmpstr (g_hash_table_lookup (unusual->deleted, "gone"), ==, "2026-02-01T00:00:00Z");
  g_assert_cmpuint (unusual->length, ==, 67);
  g_assert_cmpstr (unusual->file, ==, "");
}

typedef struct
{
  const char *name;
  const char *contents;
  int         code;
  const char *message;
} Strict;

#define A1 "{\"id\": \"a\", " TARGET ("1", "2") ", " TIMES "}"

/* What json-glib let through and the reader now refuses (or reads differently), and
 * which problem is reported when a file has several. */
static const Strict strict[] = {
  { "trailing-garbage", ONE (A1) " x", GLOSS_SIDECAR_ERROR_CORRUPT,
    "not valid JSON (line 1, column " },
  { "leading-zero", ONE ("{\"id\": \"a\", " TARGET ("01", "2") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "cannot start with 0" },
  { "hex", ONE ("{\"id\": \"a\", " TARGET ("0x1", "2") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "not valid JSON" },
  { "comment", "{\"version\": 1 /* one */}", GLOSS_SIDECAR_ERROR_CORRUPT, "not valid JSON" },
  { "nul-escape", ONE ("{\"id\": \"a\\u0000b\", " TARGET ("1", "2") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "NUL character" },
  { "lone-surrogate", ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", \"note\": \"\\udead\", "
                           TIMES "}"), GLOSS_SIDECAR_ERROR_CORRUPT, "lone surrogate" },
  { "surrogate-in-unknown",
    ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", \"x\": {\"\\ud800\": 1}, " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "lone surrogate" },
  { "huge-in-unknown",
    ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", \"x\": [9223372036854775808], " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "more than 18 digits" },
  { "duplicate-member", ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", \"note\": \"x\", "
                             "\"note\": \"y\", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"note\" appears twice" },
  { "duplicate-target-member", ONE ("{\"id\": \"a\", \"target\": {\"start\": 1, \"end\": 2, "
                                    "\"exact\": \"\", \"end\": 3}, " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"target.end\" appears twice" },
  { "duplicate-unknown", ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", \"x\": 1, \"x\": 2, "
                              TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"x\" appears twice" },
  { "duplicate-inside-unknown", ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", "
                                     "\"x\": {\"y\": 1, \"y\": 2}, " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"x\" has the member \"y\" twice" },
  { "duplicate-version", "{\"version\": 1, \"version\": 2}", GLOSS_SIDECAR_ERROR_CORRUPT,
    "has the member \"version\" twice (line 1, column 16)" },
  { "duplicate-article-member", "{\"version\": 1, \"article\": {\"sha256\": \"x\", "
    "\"length\": 67, \"length\": 68, \"text_model\": 1}, \"annotations\": []}",
    GLOSS_SIDECAR_ERROR_CORRUPT, "\"article.length\" appears twice" },
  /* Not JSON, anywhere, comes before any problem of content... */
  { "syntax-after-newer", "{\"version\": 2, \"annotations\": [}", GLOSS_SIDECAR_ERROR_CORRUPT,
    "not valid JSON (line 1, column 32" },
  { "utf8-after-content", ONE ("{\"id\": 5}") "\n\xff", GLOSS_SIDECAR_ERROR_CORRUPT,
    "not UTF-8 text (line 2, column 1)" },
  /* ... then the version, whatever the order of the members ... */
  { "version-last", "{\"annotations\": 5, \"article\": 1, \"version\": 2}",
    GLOSS_SIDECAR_ERROR_NEWER_VERSION, "newer" },
  { "version-missing-last", "{\"annotations\": 5, \"article\": 1}",
    GLOSS_SIDECAR_ERROR_CORRUPT, "\"version\" is missing" },
  /* ... then the article, the annotations in order, and the deletions. */
  { "article-after-annotations", "{\"version\": 1, \"annotations\": [5], \"article\": 1}",
    GLOSS_SIDECAR_ERROR_CORRUPT, "\"article\" is not an object" },
  { "deleted-before-annotations", "{\"deleted\": 5, \"version\": 1, " ARTICLE ", "
    "\"annotations\": [" A1 ", 5]}", GLOSS_SIDECAR_ERROR_CORRUPT,
    "annotation 2 is not an object" },
  { "deleted-last", "{\"deleted\": 5, \"version\": 1, " ARTICLE ", \"annotations\": [" A1 "]}",
    GLOSS_SIDECAR_ERROR_CORRUPT, "\"deleted\" is not a list" },
  { "fields-in-fixed-order",
    ONE ("{\"modified\": 1, \"created\": 2, \"note\": 3, \"id\": \"\"}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"id\" is empty" },
  { "target-before-times", ONE ("{\"modified\": 1, \"id\": \"a\", \"target\": {\"end\": 1}}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"target.start\" is missing" },
  { "tags-before-note", ONE ("{\"note\": 1, \"id\": \"a\", " TARGET ("1", "2") ", "
                             "\"tags\": [\"a\", {}], " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"tags\" has an item that is not a string" },
  { "whitespace-only", " \n\t ", GLOSS_SIDECAR_ERROR_CORRUPT, "empty" },
  { "bom-only", "\xef\xbb\xbf", GLOSS_SIDECAR_ERROR_CORRUPT, "empty" },
  { "exponent-offset", ONE ("{\"id\": \"a\", " TARGET ("1e0", "2") ", " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"target.start\" is not a whole number" },
  { "null-target", ONE ("{\"id\": \"a\", \"target\": null, " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"target\" is not an object" },
  { "null-color", ONE ("{\"id\": \"a\", " TARGET ("1", "2") ", \"color\": null, " TIMES "}"),
    GLOSS_SIDECAR_ERROR_CORRUPT, "annotation 1: \"color\" is not a string" },
};

static void
test_strict (void)
{
  g_autofree char *brackets = g_strnfill (70, '[');
  g_autofree char *deep = g_strdup_printf ("{\"version\": 0, \"x\": %s", brackets);
  g_autoptr(GError) deep_error = NULL;

  /* Nested too deeply, after a problem of content, at the 64th bracket. */
  g_assert_null (gloss_sidecar_parse (deep, strlen (deep), &deep_error));
  g_assert_error (deep_error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT);
  g_assert_cmpstr (deep_error->message, ==,
                   "nested more than 64 levels deep (line 1, column 84)");

  for (guint i = 0; i < G_N_ELEMENTS (strict); i++)
    {
      g_autoptr(GlossSidecarContents) contents = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", strict[i].name);
      contents = gloss_sidecar_parse (strict[i].contents, strlen (strict[i].contents), &error);
      g_assert_null (contents);
      g_assert_error (error, GLOSS_SIDECAR_ERROR, strict[i].code);
      if (strstr (error->message, strict[i].message) == NULL)
        g_error ("%s: \"%s\" does not say \"%s\"", strict[i].name, error->message,
                 strict[i].message);
    }
}

/* A number that json-glib read and Gloss wrote back in a form it then refused (a fraction
 * of 20 digits), and the extremes that still are fine. */
static void
test_numbers_written_back (void)
{
  static const char json[] =
    "{\"version\": 1, " ARTICLE ", \"annotations\": [{\"id\": \"a\", "
    "\"target\": {\"start\": 0, \"end\": 67, \"exact\": \"\"}, " TIMES ", "
    "\"x\": [1.2345678901234567e-4, 999999999999999999, -999999999999999999, -0, -0.0, "
    "1e400, 123456789012345678901234567890.5]}]}";
  g_autoptr(GlossSidecarContents) contents = NULL;
  g_autoptr(GlossSidecarContents) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  contents = gloss_sidecar_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  written = gloss_sidecar_serialize (contents, NULL);
  g_assert_nonnull (strstr (written, "0.00012345678901234567,\n"));
  g_assert_nonnull (strstr (written, "        999999999999999999,\n"
                                     "        -999999999999999999,\n"
                                     "        0,\n"
                                     "        -0.0,\n"
                                     "        null,\n"));
  again = gloss_sidecar_parse (written, strlen (written), &error);
  g_assert_no_error (error);
  rewritten = gloss_sidecar_serialize (again, NULL);
  g_assert_cmpstr (written, ==, rewritten);
}

static void
test_tags_fast_path (void)
{
  const char *normal[] = { "council", "Timeline", "source: AP", NULL };
  const char *dupes[] = { "Council", "council", NULL };
  const char *spaces[] = { "a ", " b", "c\t", "", NULL };
  const char *unicode[] = { "ÉTÉ", "été", NULL };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) many = NULL;
  g_auto(GStrv) a = gloss_annotation_normalize_tags (normal);
  g_auto(GStrv) b = gloss_annotation_normalize_tags (dupes);
  g_auto(GStrv) c = gloss_annotation_normalize_tags (spaces);
  g_auto(GStrv) d = gloss_annotation_normalize_tags (unicode);
  g_auto(GStrv) e = NULL;

  g_assert_cmpstrv (a, normal);
  g_assert_cmpstrv (b, ((const char * const []) { "Council", NULL }));
  g_assert_cmpstrv (c, ((const char * const []) { "a", "b", "c", NULL }));
  g_assert_cmpstrv (d, ((const char * const []) { "ÉTÉ", NULL }));

  /* More than the fast path looks at, with a duplicate at the end. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *tag = g_strdup_printf ("t%u", i);

      g_strv_builder_add (builder, tag);
    }
  g_strv_builder_add (builder, "T3");
  many = g_strv_builder_end (builder);
  e = gloss_annotation_normalize_tags ((const char * const *) many);
  g_assert_cmpuint (g_strv_length (e), ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* The fallback location is under $XDG_DATA_HOME: a private one, never the user's (GLib's
   * G_TEST_OPTION_ISOLATE_DIRS would do, but leaks). */
  data_home = g_dir_make_tmp ("gloss-test-sidecar-data-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/gloss/sidecar/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("locations", test_locations);
  ADD ("round-trip", test_round_trip);
  ADD ("exact-json", test_exact_json);
  ADD ("not-written-unchanged", test_not_written_unchanged);
  ADD ("malformed", test_malformed);
  ADD ("nesting", test_nesting);
  ADD ("same-text-other-length", test_same_text_other_length);
  ADD ("unknown-members", test_unknown_members);
  ADD ("merge", test_merge);
  ADD ("tombstones", test_tombstones);
  ADD ("changed-into-garbage", test_changed_into_garbage);
  ADD ("symlink", test_symlink);
  ADD ("not-a-file", test_not_a_file);
  ADD ("fallback", test_fallback);
  ADD ("fallback-existing", test_fallback_existing);
  ADD ("large", test_large);
  ADD ("thread", test_thread);
  ADD ("same-as-json-glib", test_same_as_json_glib);

#undef ADD

  g_test_add_func ("/gloss/sidecar/strict", test_strict);
  g_test_add_func ("/gloss/sidecar/numbers-written-back", test_numbers_written_back);
  g_test_add_func ("/gloss/sidecar/tags-fast-path", test_tags_fast_path);
  g_test_add_func ("/gloss/sidecar/scanner/tokens", test_scanner_tokens);
  g_test_add_func ("/gloss/sidecar/scanner/malformed", test_scanner_malformed);
  g_test_add_func ("/gloss/sidecar/scanner/long-strings", test_scanner_long_strings);
  g_test_add_func ("/gloss/sidecar/scanner/depth", test_scanner_depth);
  g_test_add_func ("/gloss/sidecar/scanner/read-node", test_scanner_read_node);

  status = g_test_run ();
  remove_tree (data_home);

  return status;
}
