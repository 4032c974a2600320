/* gloss-sidecar.c: the ARTICLE.annotations.json file: where it lives, reading and writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is specified in docs/annotation-format.md. Reading is strict: anything that is
 * not exactly what a version-1 writer produces (apart from unknown members, which a newer
 * minor writer may add) is an error that names the problem, so that the caller can refuse
 * to overwrite a file it did not understand. Writing is ours, not json-glib's generator, for
 * a stable, diff-friendly layout ("key": value, two spaces, one trailing newline).
 *
 * Nothing here keeps state: every function can run in any thread.
 */

#define G_LOG_DOMAIN "gloss-sidecar"

#include "config.h"

#include "gloss-sidecar.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#ifndef O_NOFOLLOW
# define O_NOFOLLOW 0
#endif
#ifndef O_CLOEXEC
# define O_CLOEXEC 0
#endif

/* A sidecar of 20,000 annotations with long notes is a few MiB; this is far beyond. */
#define MAX_SIZE  (256 * 1024 * 1024)
/* json-glib's parser recurses once per level; deep nesting would exhaust the stack. */
#define MAX_DEPTH 64

static const char * const known_members[] = {
  "id", "target", "color", "tags", "note", "created", "modified", NULL
};

G_DEFINE_QUARK (gloss-sidecar-error-quark, gloss_sidecar_error)

/**
 * gloss_sidecar_contents_new:
 *
 * Returns: (transfer full): empty contents, to fill and serialise
 */
GlossSidecarContents *
gloss_sidecar_contents_new (void)
{
  GlossSidecarContents *contents = g_new0 (GlossSidecarContents, 1);

  contents->text_model = 1;
  contents->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  contents->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return contents;
}

void
gloss_sidecar_contents_free (GlossSidecarContents *contents)
{
  if (contents == NULL)
    return;

  g_free (contents->file);
  g_free (contents->sha256);
  g_ptr_array_unref (contents->annotations);
  g_hash_table_unref (contents->deleted);
  g_free (contents);
}

/* Checks what json-glib does not: that brackets nest at most MAX_DEPTH deep (it recurses
 * once per level), and that no number has more than 18 digits in a row (it wraps integers
 * beyond 64 bits around silently, so "18446744073709551617" would read as 1). Its scanner
 * also takes 'single-quoted' strings (without escapes) and C comments, so skip those. */
static gboolean
check_structure (const char  *data,
                 gsize        len,
                 GError     **error)
{
  guint depth = 0, digits = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '"')
        {
          for (i++; i < len && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
          continue;
        }
      if (c == '\'')
        {
          for (i++; i < len && data[i] != '\''; i++)
            ;
          continue;
        }
      if (c == '/' && i + 1 < len && data[i + 1] == '*')
        {
          for (i += 2; i + 1 < len && !(data[i] == '*' && data[i + 1] == '/'); i++)
            ;
          i++;
          continue;
        }

      digits = g_ascii_isdigit (c) ? digits + 1 : 0;
      if (digits > 18)
        {
          g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                               "has a number with more than 18 digits");
          return FALSE;
        }

      if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            {
              g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                           "nested more than %d levels deep", MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* json-glib decodes a lone surrogate escape ("\ud800") into bytes that are not UTF-8. */
static gboolean
node_is_utf8 (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        for (GList *l = members; l != NULL; l = l->next)
          if (!g_utf8_validate (l->data, -1, NULL)
              || !node_is_utf8 (json_object_get_member (object, l->data)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!node_is_utf8 (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING
             || g_utf8_validate (json_node_get_string (node), -1, NULL);

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static void
corrupt (GError     **error,
         const char  *where,
         const char  *path,
         const char  *problem)
{
  g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
               "%s\"%s\" %s", where, path, problem);
}

static JsonNode *
get_member (JsonObject  *object,
            const char  *member,
            const char  *where,
            const char  *path,
            gboolean     required,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && required)
    corrupt (error, where, path, "is missing");

  return node;
}

static gboolean
read_uint (JsonObject  *object,
           const char  *member,
           const char  *where,
           const char  *path,
           guint       *out,
           GError     **error)
{
  JsonNode *node = get_member (object, member, where, path, TRUE, error);
  gint64 value;

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node)
      || (json_node_get_value_type (node) != G_TYPE_INT64
          && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    {
      corrupt (error, where, path, "is not a number");
      return FALSE;
    }
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      corrupt (error, where, path, "is not a whole number");
      return FALSE;
    }

  value = json_node_get_int (node);
  if (value < 0)
    {
      corrupt (error, where, path, "is negative");
      return FALSE;
    }
  if (value > G_MAXINT32)
    {
      corrupt (error, where, path, "is too large");
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

/* Sets *@out to the string, or to @fallback when the member is missing and not required. */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char  *where,
             const char  *path,
             const char  *fallback,
             const char **out,
             GError     **error)
{
  JsonNode *node = get_member (object, member, where, path, fallback == NULL, error);

  if (node == NULL)
    {
      *out = fallback;
      return fallback != NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      corrupt (error, where, path, "is not a string");
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static char *
read_time (JsonObject  *object,
           const char  *member,
           const char  *where,
           GError     **error)
{
  const char *value;
  char *time;

  if (!read_string (object, member, where, member, NULL, &value, error))
    return NULL;

  time = gloss_annotation_normalize_time (value);
  if (time == NULL)
    corrupt (error, where, member, "is not an ISO 8601 time");

  return time;
}

static JsonObject *
read_object (JsonNode    *node,
             const char  *where,
             const char  *path,
             GError     **error)
{
  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      corrupt (error, where, path, "is not an object");
      return NULL;
    }

  return json_node_get_object (node);
}

static gboolean
read_tags (JsonObject  *object,
           const char  *where,
           GStrv       *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, "tags");
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  JsonArray *array;

  if (node == NULL)
    {
      *out = g_new0 (char *, 1);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      corrupt (error, where, "tags", "is not a list");
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          corrupt (error, where, "tags", "has an item that is not a string");
          return FALSE;
        }
      g_ptr_array_add (tags, (gpointer) json_node_get_string (item));
    }
  g_ptr_array_add (tags, NULL);

  *out = gloss_annotation_normalize_tags ((const char * const *) tags->pdata);
  return TRUE;
}

static GlossAnnotation *
read_annotation (JsonNode    *node,
                 guint        number,
                 guint        length,
                 GError     **error)
{
  g_autofree char *where = g_strdup_printf ("annotation %u: ", number);
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;
  g_auto(GStrv) tags = NULL;
  const char *id, *exact, *prefix, *suffix, *color, *note;
  JsonObject *object, *target;
  g_autoptr(GList) members = NULL;
  guint start, end;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                   "annotation %u is not an object", number);
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_string (object, "id", where, "id", NULL, &id, error))
    return NULL;
  if (id[0] == '\0')
    {
      corrupt (error, where, "id", "is empty");
      return NULL;
    }

  target = read_object (get_member (object, "target", where, "target", TRUE, error),
                        where, "target", error);
  if (target == NULL
      || !read_uint (target, "start", where, "target.start", &start, error)
      || !read_uint (target, "end", where, "target.end", &end, error)
      || !read_string (target, "exact", where, "target.exact", NULL, &exact, error)
      || !read_string (target, "prefix", where, "target.prefix", "", &prefix, error)
      || !read_string (target, "suffix", where, "target.suffix", "", &suffix, error))
    return NULL;
  if (start > end)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                   "%s\"target.end\" (%u) is before \"target.start\" (%u)", where, end, start);
      return NULL;
    }
  if (end > length)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                   "%s\"target.end\" (%u) is beyond the end of the article text (%u)",
                   where, end, length);
      return NULL;
    }

  if (!read_string (object, "color", where, "color", GLOSS_ANNOTATION_DEFAULT_COLOR,
                    &color, error)
      || !read_tags (object, where, &tags, error)
      || !read_string (object, "note", where, "note", "", &note, error)
      || (created = read_time (object, "created", where, error)) == NULL
      || (modified = read_time (object, "modified", where, error)) == NULL)
    return NULL;
  if (color[0] == '\0')
    {
      corrupt (error, where, "color", "is empty");
      return NULL;
    }

  annotation = gloss_annotation_new_full (id, start, end, exact, prefix, suffix,
                                          created, modified);
  gloss_annotation_set_color (annotation, color);
  gloss_annotation_set_tags (annotation, (const char * const *) tags);
  gloss_annotation_set_note (annotation, note);
  /* The setters above count as edits; the stored time is the truth. */
  gloss_annotation_set_modified (annotation, modified);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_strv_contains (known_members, name))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name,
                              json_node_copy (json_object_get_member (object, name)));
    }
  gloss_annotation_set_extra_members (annotation, extra);

  return g_steal_pointer (&annotation);
}

static gboolean
read_deleted (JsonObject            *root,
              GlossSidecarContents  *contents,
              GError               **error)
{
  JsonNode *node = json_object_get_member (root, "deleted");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      corrupt (error, "", "deleted", "is not a list");
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("deletion %u: ", i + 1);
      JsonObject *object;
      const char *id;
      char *time;

      object = read_object (json_array_get_element (array, i), where, "deleted", error);
      if (object == NULL || !read_string (object, "id", where, "id", NULL, &id, error))
        return FALSE;
      if ((time = read_time (object, "deleted", where, error)) == NULL)
        return FALSE;

      /* The same id twice is harmless: keep the later deletion. */
      if (g_strcmp0 (g_hash_table_lookup (contents->deleted, id), time) >= 0)
        g_free (time);
      else
        g_hash_table_insert (contents->deleted, g_strdup (id), time);
    }

  return TRUE;
}

static gboolean
read_article (JsonObject            *root,
              GlossSidecarContents  *contents,
              GError               **error)
{
  JsonObject *article;
  const char *file, *sha256;

  article = read_object (get_member (root, "article", "", "article", TRUE, error),
                         "", "article", error);
  if (article == NULL
      || !read_string (article, "file", "", "article.file", "", &file, error)
      || !read_string (article, "sha256", "", "article.sha256", NULL, &sha256, error)
      || !read_uint (article, "length", "", "article.length", &contents->length, error)
      || !read_uint (article, "text_model", "", "article.text_model",
                     &contents->text_model, error))
    return FALSE;

  contents->file = g_strdup (file);
  contents->sha256 = g_strdup (sha256);

  return TRUE;
}

/**
 * gloss_sidecar_parse:
 * @data: the bytes of a sidecar file
 *
 * Reads a sidecar. Offsets are checked against the article length the sidecar records
 * (the text its offsets refer to, which may be an older version of the article).
 *
 * Returns: (transfer full): the contents, or %NULL with a %GLOSS_SIDECAR_ERROR whose message
 *   says what is wrong, e.g. `annotation 3: "target.start" is not a number`
 */
GlossSidecarContents *
gloss_sidecar_parse (const char  *data,
                     gsize        len,
                     GError     **error)
{
  g_autoptr(GlossSidecarContents) contents = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) json_error = NULL;
  JsonNode *root, *node;
  JsonObject *object;
  JsonArray *annotations;
  guint version;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len > MAX_SIZE)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_TOO_LARGE,
                   "too large for an annotation file (%" G_GSIZE_FORMAT " bytes)", len);
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                           "not UTF-8 text");
      return NULL;
    }
  if (!check_structure (data, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, len > 0 ? data : "", len, &json_error))
    {
      const char *message = json_error->message;
      g_autofree char *valid = NULL;

      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      /* It quotes the input, which may hold a decoded lone surrogate. */
      valid = g_utf8_make_valid (message, -1);
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                   "not valid JSON (%s)", valid);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                           root == NULL ? "empty" : "not a JSON object");
      return NULL;
    }
  if (!node_is_utf8 (root))
    {
      g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                           "has a string that is not valid Unicode (a lone surrogate)");
      return NULL;
    }
  object = json_node_get_object (root);

  /* The version first: a newer file may differ in anything else. */
  if (!read_uint (object, "version", "", "version", &version, error))
    return NULL;
  if (version > GLOSS_SIDECAR_VERSION)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_NEWER_VERSION,
                   "written by a newer Gloss (format version %u; this one reads up to %d)",
                   version, GLOSS_SIDECAR_VERSION);
      return NULL;
    }
  if (version < 1)
    {
      corrupt (error, "", "version", "is not a known version");
      return NULL;
    }

  contents = gloss_sidecar_contents_new ();
  if (!read_article (object, contents, error))
    return NULL;

  node = get_member (object, "annotations", "", "annotations", TRUE, error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      corrupt (error, "", "annotations", "is not a list");
      return NULL;
    }

  annotations = json_node_get_array (node);
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      GlossAnnotation *annotation;

      annotation = read_annotation (json_array_get_element (annotations, i), i + 1,
                                    contents->length, error);
      if (annotation == NULL)
        return NULL;
      g_ptr_array_add (contents->annotations, annotation);

      if (!g_hash_table_add (ids, (gpointer) gloss_annotation_get_id (annotation)))
        {
          g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                       "annotation %u: the id \"%s\" is used twice", i + 1,
                       gloss_annotation_get_id (annotation));
          return NULL;
        }
    }

  if (!read_deleted (object, contents, error))
    return NULL;

  return g_steal_pointer (&contents);
}

static void
write_indent (GString *out,
              guint    level)
{
  for (guint i = 0; i < level; i++)
    g_string_append (out, "  ");
}

static void
write_string (GString    *out,
              const char *s)
{
  g_autofree char *valid = NULL;

  /* Never write a file that we would refuse to read. */
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);

  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_key (GString    *out,
           guint       level,
           const char *key)
{
  write_indent (out, level);
  write_string (out, key);
  g_string_append (out, ": ");
}

static void write_node (GString  *out,
                        JsonNode *node,
                        guint     level);

static void
write_members (GString    *out,
               JsonObject *object,
               guint       level,
               gboolean    first)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_string_append (out, first ? "\n" : ",\n");
      first = FALSE;
      write_key (out, level, l->data);
      write_node (out, json_object_get_member (object, l->data), level);
    }
}

/* Writes any JSON value (unknown members of newer writers), as the rest of the file. */
static void
write_node (GString  *out,
            JsonNode *node,
            guint     level)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);

        if (json_object_get_size (object) == 0)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append_c (out, '{');
        write_members (out, object, level + 1, TRUE);
        g_string_append_c (out, '\n');
        write_indent (out, level);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            g_string_append (out, i == 0 ? "\n" : ",\n");
            write_indent (out, level + 1);
            write_node (out, json_array_get_element (array, i), level + 1);
          }
        g_string_append_c (out, '\n');
        write_indent (out, level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          /* JSON has no infinity, which json-glib reads for 1e999. */
          if (isfinite (json_node_get_double (node)))
            {
              g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer,
                                                    json_node_get_double (node)));
              /* Stays a floating-point number when read again ("1.0", not "1"). */
              if (strpbrk (buffer, ".eE") == NULL)
                g_string_append (out, ".0");
            }
          else
            g_string_append (out, "null");
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          write_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

static void
write_annotation (GString         *out,
                  GlossAnnotation *annotation)
{
  const char * const *tags = gloss_annotation_get_tags (annotation);
  JsonObject *extra = gloss_annotation_get_extra_members (annotation);

  write_indent (out, 2);
  g_string_append (out, "{\n");
  write_key (out, 3, "id");
  write_string (out, gloss_annotation_get_id (annotation));
  g_string_append (out, ",\n");
  write_key (out, 3, "target");
  g_string_append (out, "{\n");
  write_key (out, 4, "start");
  g_string_append_printf (out, "%u,\n", gloss_annotation_get_start (annotation));
  write_key (out, 4, "end");
  g_string_append_printf (out, "%u,\n", gloss_annotation_get_end (annotation));
  write_key (out, 4, "exact");
  write_string (out, gloss_annotation_get_exact (annotation));
  g_string_append (out, ",\n");
  write_key (out, 4, "prefix");
  write_string (out, gloss_annotation_get_prefix (annotation));
  g_string_append (out, ",\n");
  write_key (out, 4, "suffix");
  write_string (out, gloss_annotation_get_suffix (annotation));
  g_string_append_c (out, '\n');
  write_indent (out, 3);
  g_string_append (out, "},\n");
  write_key (out, 3, "color");
  write_string (out, gloss_annotation_get_color (annotation));
  g_string_append (out, ",\n");
  write_key (out, 3, "tags");
  if (tags[0] == NULL)
    g_string_append (out, "[]");
  else
    {
      g_string_append_c (out, '[');
      for (guint i = 0; tags[i] != NULL; i++)
        {
          g_string_append (out, i == 0 ? "\n" : ",\n");
          write_indent (out, 4);
          write_string (out, tags[i]);
        }
      g_string_append_c (out, '\n');
      write_indent (out, 3);
      g_string_append_c (out, ']');
    }
  g_string_append (out, ",\n");
  write_key (out, 3, "note");
  write_string (out, gloss_annotation_get_note (annotation));
  g_string_append (out, ",\n");
  write_key (out, 3, "created");
  write_string (out, gloss_annotation_get_created (annotation));
  g_string_append (out, ",\n");
  write_key (out, 3, "modified");
  write_string (out, gloss_annotation_get_modified (annotation));
  if (extra != NULL)
    write_members (out, extra, 3, FALSE);
  g_string_append_c (out, '\n');
  write_indent (out, 2);
  g_string_append_c (out, '}');
}

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  return gloss_annotation_compare (*(GlossAnnotation **) a, *(GlossAnnotation **) b);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/**
 * gloss_sidecar_serialize:
 * @len: (out) (optional): the length of the result
 *
 * Writes @contents in the sidecar format: annotations sorted by position, deletions by id.
 *
 * Returns: (transfer full): the bytes of the file
 */
char *
gloss_sidecar_serialize (GlossSidecarContents *contents,
                         gsize                *len)
{
  g_autoptr(GString) out = g_string_sized_new (4096);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree const char **ids = NULL;
  guint n_ids;

  g_return_val_if_fail (contents != NULL, NULL);

  g_string_append_printf (out, "{\n  \"version\": %d,\n", GLOSS_SIDECAR_VERSION);
  write_key (out, 1, "article");
  g_string_append (out, "{\n");
  write_key (out, 2, "file");
  write_string (out, contents->file != NULL ? contents->file : "");
  g_string_append (out, ",\n");
  write_key (out, 2, "sha256");
  write_string (out, contents->sha256 != NULL ? contents->sha256 : "");
  g_string_append (out, ",\n");
  write_key (out, 2, "length");
  g_string_append_printf (out, "%u,\n", contents->length);
  write_key (out, 2, "text_model");
  g_string_append_printf (out, "%u\n  },\n", contents->text_model);

  /* A copy takes the free function too; this one only borrows. */
  sorted = g_ptr_array_copy (contents->annotations, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_annotations);
  write_key (out, 1, "annotations");
  g_string_append_c (out, '[');
  for (guint i = 0; i < sorted->len; i++)
    {
      g_string_append (out, i == 0 ? "\n" : ",\n");
      write_annotation (out, g_ptr_array_index (sorted, i));
    }
  g_string_append (out, sorted->len > 0 ? "\n  ],\n" : "],\n");

  ids = (const char **) g_hash_table_get_keys_as_array (contents->deleted, &n_ids);
  qsort (ids, n_ids, sizeof (char *), compare_strings);
  write_key (out, 1, "deleted");
  g_string_append_c (out, '[');
  for (guint i = 0; i < n_ids; i++)
    {
      g_string_append (out, i == 0 ? "\n" : ",\n");
      write_indent (out, 2);
      g_string_append (out, "{\n");
      write_key (out, 3, "id");
      write_string (out, ids[i]);
      g_string_append (out, ",\n");
      write_key (out, 3, "deleted");
      write_string (out, g_hash_table_lookup (contents->deleted, ids[i]));
      g_string_append (out, "\n    }");
    }
  g_string_append (out, n_ids > 0 ? "\n  ]\n}\n" : "]\n}\n");

  if (len != NULL)
    *len = out->len;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * gloss_sidecar_get_next_to:
 *
 * Returns: (transfer full): where the sidecar of @article is when it is next to it
 */
GFile *
gloss_sidecar_get_next_to (GFile *article)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (article), NULL);

  parent = g_file_get_parent (article);
  basename = g_file_get_basename (article);
  g_return_val_if_fail (parent != NULL && basename != NULL, NULL);

  name = g_strconcat (basename, GLOSS_SIDECAR_SUFFIX, NULL);

  return g_file_get_child (parent, name);
}

/**
 * gloss_sidecar_get_fallback:
 *
 * Returns: (transfer full): where the sidecar of @article is when its folder cannot be
 *   written: `$XDG_DATA_HOME/io.github.glossreader.Gloss/annotations/SHA-NAME.annotations.json`
 *   where SHA is the SHA-256 of the article's absolute path (or URI) and NAME its basename
 */
GFile *
gloss_sidecar_get_fallback (GFile *article)
{
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *name = NULL;
  g_autofree char *full = NULL;

  g_return_val_if_fail (G_IS_FILE (article), NULL);

  path = g_file_get_path (article);
  if (path == NULL)
    path = g_file_get_uri (article);
  basename = g_file_get_basename (article);
  sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  name = g_strdup_printf ("%s-%s%s", sha256, basename, GLOSS_SIDECAR_SUFFIX);
  full = g_build_filename (g_get_user_data_dir (), APP_ID, "annotations", name, NULL);

  return g_file_new_for_path (full);
}

/* Files opened through the document portal (a Flatpak granted only the file) appear under
 * /run/user/UID/doc/ID/; their folder is not the article's real folder. */
static gboolean
is_document_portal_path (const char *path)
{
  const char *p;

  if (!g_str_has_prefix (path, "/run/user/"))
    return FALSE;

  p = strchr (path + strlen ("/run/user/"), '/');

  return p != NULL && g_str_has_prefix (p, "/doc/");
}

/**
 * gloss_sidecar_can_write_next_to:
 *
 * Returns: whether a sidecar can be written in the folder of @article
 */
gboolean
gloss_sidecar_can_write_next_to (GFile *article)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (article), FALSE);

  parent = g_file_get_parent (article);
  if (parent == NULL || (path = g_file_get_path (parent)) == NULL)
    return FALSE;
  if (is_document_portal_path (path))
    return FALSE;

  return g_access (path, W_OK | X_OK) == 0;
}

static gboolean
exists_nofollow (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL)
         != G_FILE_TYPE_UNKNOWN;
}

/**
 * gloss_sidecar_locate:
 * @is_fallback: (out) (optional): whether the result is the fallback location
 *
 * Finds the sidecar of @article: next to it when there is one there, else in the fallback
 * location when there is one there, else where a new one would be written (next to the
 * article when its folder can be written). A symbolic link next to the article counts as
 * a sidecar there, so that reading and writing refuse it instead of going elsewhere.
 *
 * Returns: (transfer full): the sidecar's location
 */
GFile *
gloss_sidecar_locate (GFile    *article,
                      gboolean *is_fallback)
{
  g_autoptr(GFile) next_to = NULL;
  g_autoptr(GFile) fallback = NULL;
  gboolean use_fallback;

  g_return_val_if_fail (G_IS_FILE (article), NULL);

  next_to = gloss_sidecar_get_next_to (article);
  fallback = gloss_sidecar_get_fallback (article);

  if (exists_nofollow (next_to))
    use_fallback = FALSE;
  else if (exists_nofollow (fallback))
    use_fallback = TRUE;
  else
    use_fallback = !gloss_sidecar_can_write_next_to (article);

  if (is_fallback != NULL)
    *is_fallback = use_fallback;

  return g_object_ref (use_fallback ? fallback : next_to);
}

static gboolean
local_path (GFile   *file,
            char   **path,
            GError **error)
{
  *path = g_file_get_path (file);
  if (*path == NULL)
    {
      g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_NOT_LOCAL,
                           "annotations can only be kept in local folders");
      return FALSE;
    }

  return TRUE;
}

static void
symlink_error (GError **error)
{
  g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_SYMLINK,
                       "the annotation file is a symbolic link, which Gloss does not follow");
}

/**
 * gloss_sidecar_read:
 *
 * Reads the bytes of a sidecar, refusing a symbolic link.
 *
 * Returns: (transfer full): the bytes, or %NULL with an error (%G_IO_ERROR_NOT_FOUND when
 *   there is no file)
 */
GBytes *
gloss_sidecar_read (GFile         *sidecar,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  g_return_val_if_fail (G_IS_FILE (sidecar), NULL);

  if (!local_path (sidecar, &path, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* O_NONBLOCK: a FIFO in the sidecar's place must not hang us; it is refused below. */
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ELOOP)
        symlink_error (error);
      else
        g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved),
                             g_strerror (saved));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           "the annotation file is not a regular file");
      close (fd);
      return NULL;
    }
  if (st.st_size > MAX_SIZE)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_TOO_LARGE,
                   "too large for an annotation file (%lld bytes)", (long long) st.st_size);
      close (fd);
      return NULL;
    }

  data = g_malloc (st.st_size + 1);
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, data + done, st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved),
                               g_strerror (saved));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      done += n;
    }
  close (fd);

  return g_bytes_new_take (g_steal_pointer (&data), done);
}

/**
 * gloss_sidecar_write:
 *
 * Writes a sidecar atomically: a temporary file in the same folder, flushed to disk, then
 * renamed over the old one, so that a crash leaves the old file or the new one, never a
 * truncated one. Refuses to replace a symbolic link.
 */
gboolean
gloss_sidecar_write (GFile         *sidecar,
                     const char    *data,
                     gsize          len,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = NULL;
  GStatBuf st;

  g_return_val_if_fail (G_IS_FILE (sidecar), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!local_path (sidecar, &path, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      symlink_error (error);
      return FALSE;
    }

  return g_file_set_contents_full (path, data, len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0666, error);
}
