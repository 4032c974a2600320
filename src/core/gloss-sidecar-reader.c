/* gloss-sidecar-reader.c: reading an ARTICLE.annotations.json file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading is strict: anything that is not exactly what a version-1 writer produces (apart
 * from unknown members of annotations, which a newer minor writer may add) is an error that
 * names the problem, so that the caller can refuse to overwrite a file it did not understand.
 * The format is specified in docs/annotation-format.md. No state: any thread may call this.
 */

#define G_LOG_DOMAIN "gloss-sidecar"

#include "config.h"

#include "gloss-sidecar.h"

#include <string.h>

/* json-glib's parser recurses once per level; deep nesting would exhaust the stack. */
#define MAX_DEPTH 64

static const char * const known_members[] = {
  "id", "target", "color", "tags", "note", "created", "modified", NULL
};

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

  if (len > GLOSS_SIDECAR_MAX_SIZE)
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
