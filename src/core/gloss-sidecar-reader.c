/* gloss-sidecar-reader.c: reading an ARTICLE.annotations.json file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading is strict: anything that is not exactly what a version-1 writer produces (apart
 * from unknown members of annotations, which a newer minor writer may add) is an error that
 * names the problem, so that the caller can refuse to overwrite a file it did not understand.
 * The format is specified in docs/annotation-format.md. No state: any thread may call this.
 *
 * It reads in two passes over the bytes with GlossJsonScanner, building no json-glib tree
 * (for 20,000 annotations, building and freeing that tree cost more than everything else):
 * the first checks that the whole file is JSON and notes where the top-level members are;
 * the second reads those members in a fixed order (the version first, since a newer file
 * may differ in anything else) straight into GlossAnnotation objects. So, as when the file
 * was parsed whole, a file that is not JSON is reported as such wherever the damage is,
 * before any problem with its contents. Only unknown members of annotations, which are
 * written back as they were, become json-glib nodes.
 */

#define G_LOG_DOMAIN "gloss-sidecar"

#include "config.h"

#include "gloss-json-scanner.h"
#include "gloss-sidecar.h"

#include <string.h>

#define MAX_DEPTH 64

/* Where a member is, for messages: "annotation 3: " (kind "annotation", number 3), or "". */
typedef struct
{
  const char *kind;
  guint       number;
} Where;

/* A member's value as read: strings and integers are kept, anything else is only noted by
 * its first token, which says enough for the messages. */
typedef struct
{
  gboolean        present;
  GlossJsonToken  token;
  GString        *string;
  gint64          number;
} Value;

typedef struct
{
  const char *name;
  gsize       len;
  const char *path;  /* in messages */
} Member;

#define MEMBER(name, path) { name, sizeof name - 1, path }

/* A top-level member: where its value is in the text, found by the first pass. */
typedef struct
{
  gboolean present;
  gsize    start;
  gsize    end;
} Span;

enum { ROOT_VERSION, ROOT_ARTICLE, ROOT_ANNOTATIONS, ROOT_DELETED, N_ROOT };
enum { ARTICLE_FILE, ARTICLE_SHA256, ARTICLE_LENGTH, ARTICLE_TEXT_MODEL, N_ARTICLE };
enum { A_ID, A_TARGET, A_COLOR, A_TAGS, A_NOTE, A_CREATED, A_MODIFIED, N_ANNOTATION };
enum { T_START, T_END, T_EXACT, T_PREFIX, T_SUFFIX, N_TARGET };
enum { D_ID, D_DELETED, N_DELETION };

static const Member root_members[N_ROOT + 1] = {
  MEMBER ("version", "version"),
  MEMBER ("article", "article"),
  MEMBER ("annotations", "annotations"),
  MEMBER ("deleted", "deleted"),
  { NULL, 0, NULL }
};
static const Member article_members[N_ARTICLE + 1] = {
  MEMBER ("file", "article.file"),
  MEMBER ("sha256", "article.sha256"),
  MEMBER ("length", "article.length"),
  MEMBER ("text_model", "article.text_model"),
  { NULL, 0, NULL }
};
static const Member annotation_members[N_ANNOTATION + 1] = {
  MEMBER ("id", "id"),
  MEMBER ("target", "target"),
  MEMBER ("color", "color"),
  MEMBER ("tags", "tags"),
  MEMBER ("note", "note"),
  MEMBER ("created", "created"),
  MEMBER ("modified", "modified"),
  { NULL, 0, NULL }
};
static const Member target_members[N_TARGET + 1] = {
  MEMBER ("start", "target.start"),
  MEMBER ("end", "target.end"),
  MEMBER ("exact", "target.exact"),
  MEMBER ("prefix", "target.prefix"),
  MEMBER ("suffix", "target.suffix"),
  { NULL, 0, NULL }
};
static const Member deletion_members[N_DELETION + 1] = {
  MEMBER ("id", "id"),
  MEMBER ("deleted", "deleted"),
  { NULL, 0, NULL }
};

/* What the second pass reuses from one annotation to the next, so that reading one
 * allocates little more than the annotation itself. */
typedef struct
{
  const char   *data;
  Value         article[N_ARTICLE];
  Value         annotation[N_ANNOTATION];
  Value         target[N_TARGET];
  Value         deletion[N_DELETION];
  GString      *tag_chars;    /* the tags, each followed by a NUL */
  GArray       *tag_starts;   /* of gsize: where each starts in tag_chars */
  GPtrArray    *tags;         /* pointers into tag_chars, then NULL */
  gboolean      bad_tag;
} Reader;

static void
values_init (Value *values,
             guint  n)
{
  for (guint i = 0; i < n; i++)
    values[i].string = g_string_new (NULL);
}

static void
values_clear (Value *values,
              guint  n)
{
  for (guint i = 0; i < n; i++)
    g_string_free (values[i].string, TRUE);
}

static void
values_reset (Value *values,
              guint  n)
{
  for (guint i = 0; i < n; i++)
    values[i].present = FALSE;
}

static void
reader_init (Reader     *reader,
             const char *data)
{
  reader->data = data;
  values_init (reader->article, N_ARTICLE);
  values_init (reader->annotation, N_ANNOTATION);
  values_init (reader->target, N_TARGET);
  values_init (reader->deletion, N_DELETION);
  reader->tag_chars = g_string_new (NULL);
  reader->tag_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  reader->tags = g_ptr_array_new ();
}

static void
reader_clear (Reader *reader)
{
  if (reader->tags == NULL)
    return;
  values_clear (reader->article, N_ARTICLE);
  values_clear (reader->annotation, N_ANNOTATION);
  values_clear (reader->target, N_TARGET);
  values_clear (reader->deletion, N_DELETION);
  g_string_free (reader->tag_chars, TRUE);
  g_array_unref (reader->tag_starts);
  g_ptr_array_unref (reader->tags);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

static void
corrupt (GError      **error,
         const Where  *where,
         const char   *path,
         const char   *problem)
{
  if (where->kind != NULL)
    g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                 "%s %u: \"%s\" %s", where->kind, where->number, path, problem);
  else
    g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                 "\"%s\" %s", path, problem);
}

/* The scanner's messages already say what is wrong and where; only the domain changes. */
static gboolean
scanner_failed (GError     **error,
                GError      *scanner_error,
                const Where *where,
                const char  *path)
{
  if (scanner_error == NULL)
    g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                         "not valid JSON");
  else if (path != NULL)
    corrupt (error, where, path, scanner_error->message);
  else
    g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                         scanner_error->message);
  g_clear_error (&scanner_error);

  return FALSE;
}

/* Which of @members the member name just read is, or -1. */
static int
find_member (GlossJsonScanner *scanner,
             const Member     *members)
{
  gsize len;
  const char *name = gloss_json_scanner_get_string (scanner, &len);

  for (int i = 0; members[i].name != NULL; i++)
    if (members[i].len == len && memcmp (members[i].name, name, len) == 0)
      return i;

  return -1;
}

/* Reads the value of a member into @value, skipping what it does not keep. */
static gboolean
read_value (GlossJsonScanner  *scanner,
            Value             *value,
            GError           **error)
{
  const char *string;
  gsize len;

  value->present = TRUE;
  value->token = gloss_json_scanner_next (scanner, error);
  switch (value->token)
    {
    case GLOSS_JSON_TOKEN_STRING:
      string = gloss_json_scanner_get_string (scanner, &len);
      g_string_truncate (value->string, 0);
      g_string_append_len (value->string, string, len);
      return TRUE;

    case GLOSS_JSON_TOKEN_INT:
      value->number = gloss_json_scanner_get_int (scanner);
      return TRUE;

    case GLOSS_JSON_TOKEN_ERROR:
      return FALSE;

    default:
      return gloss_json_scanner_skip (scanner, value->token, error);
    }
}

/* Reads the members of the object just begun into @values (per @members), skipping the
 * others. */
static gboolean
read_members (GlossJsonScanner  *scanner,
              const Member      *members,
              Value             *values,
              guint              n_values,
              const Where       *where,
              GError           **error)
{
  GError *local_error = NULL;
  GlossJsonToken token;

  values_reset (values, n_values);
  while ((token = gloss_json_scanner_next (scanner, &local_error)) == GLOSS_JSON_TOKEN_MEMBER)
    {
      int i = find_member (scanner, members);

      if (i < 0)
        {
          if (!gloss_json_scanner_skip (scanner, token, &local_error))
            return scanner_failed (error, local_error, where, NULL);
          continue;
        }
      if (values[i].present)
        {
          corrupt (error, where, members[i].path, "appears twice");
          return FALSE;
        }
      if (!read_value (scanner, &values[i], &local_error))
        return scanner_failed (error, local_error, where, NULL);
    }

  if (token != GLOSS_JSON_TOKEN_END_OBJECT)
    return scanner_failed (error, local_error, where, NULL);

  return TRUE;
}

static gboolean
check_uint (const Value  *value,
            const Where  *where,
            const char   *path,
            guint        *out,
            GError      **error)
{
  if (!value->present)
    {
      corrupt (error, where, path, "is missing");
      return FALSE;
    }
  if (value->token == GLOSS_JSON_TOKEN_DOUBLE)
    {
      corrupt (error, where, path, "is not a whole number");
      return FALSE;
    }
  if (value->token != GLOSS_JSON_TOKEN_INT)
    {
      corrupt (error, where, path, "is not a number");
      return FALSE;
    }
  if (value->number < 0)
    {
      corrupt (error, where, path, "is negative");
      return FALSE;
    }
  if (value->number > G_MAXINT32)
    {
      corrupt (error, where, path, "is too large");
      return FALSE;
    }

  *out = (guint) value->number;
  return TRUE;
}

/* Sets *@out to the string, or to @fallback when the member is missing and not required. */
static gboolean
check_string (const Value  *value,
              const Where  *where,
              const char   *path,
              const char   *fallback,
              const char  **out,
              GError      **error)
{
  if (!value->present)
    {
      if (fallback == NULL)
        corrupt (error, where, path, "is missing");
      *out = fallback;
      return fallback != NULL;
    }
  if (value->token != GLOSS_JSON_TOKEN_STRING)
    {
      corrupt (error, where, path, "is not a string");
      return FALSE;
    }

  *out = value->string->str;
  return TRUE;
}

static char *
check_time (const Value  *value,
            const Where  *where,
            const char   *path,
            GError      **error)
{
  const char *string;
  char *time;

  if (!check_string (value, where, path, NULL, &string, error))
    return NULL;

  time = gloss_annotation_normalize_time (string);
  if (time == NULL)
    corrupt (error, where, path, "is not an ISO 8601 time");

  return time;
}

static gboolean
check_object (const Value  *value,
              const Where  *where,
              const char   *path,
              GError      **error)
{
  if (!value->present)
    corrupt (error, where, path, "is missing");
  else if (value->token != GLOSS_JSON_TOKEN_BEGIN_OBJECT)
    corrupt (error, where, path, "is not an object");
  else
    return TRUE;

  return FALSE;
}

/* Reads the list of tags just begun into reader->tags. */
static gboolean
read_tags (Reader            *reader,
           GlossJsonScanner  *scanner,
           GError           **error)
{
  GlossJsonToken token;

  while ((token = gloss_json_scanner_next (scanner, error)) != GLOSS_JSON_TOKEN_END_ARRAY)
    {
      const char *string;
      gsize len;

      if (token == GLOSS_JSON_TOKEN_ERROR)
        return FALSE;
      if (token != GLOSS_JSON_TOKEN_STRING)
        {
          reader->bad_tag = TRUE;
          if (!gloss_json_scanner_skip (scanner, token, error))
            return FALSE;
          continue;
        }

      string = gloss_json_scanner_get_string (scanner, &len);
      g_array_append_val (reader->tag_starts, reader->tag_chars->len);
      g_string_append_len (reader->tag_chars, string, len);
      g_string_append_c (reader->tag_chars, '\0');
    }

  return TRUE;
}

/* Reads the members of the annotation just begun into reader->annotation and
 * reader->target, and unknown members into *@extra. */
static gboolean
read_annotation_members (Reader            *reader,
                         GlossJsonScanner  *scanner,
                         const Where       *where,
                         JsonObject       **extra,
                         GError           **error)
{
  Value *values = reader->annotation;
  GError *local_error = NULL;
  GlossJsonToken token;

  values_reset (values, N_ANNOTATION);
  values_reset (reader->target, N_TARGET);
  g_string_truncate (reader->tag_chars, 0);
  g_array_set_size (reader->tag_starts, 0);
  reader->bad_tag = FALSE;

  while ((token = gloss_json_scanner_next (scanner, &local_error)) == GLOSS_JSON_TOKEN_MEMBER)
    {
      int i = find_member (scanner, annotation_members);

      if (i < 0)
        {
          g_autofree char *name = gloss_json_scanner_dup_string (scanner);
          JsonNode *node;

          if (*extra != NULL && json_object_has_member (*extra, name))
            {
              corrupt (error, where, name, "appears twice");
              return FALSE;
            }
          node = gloss_json_scanner_read_node (scanner,
                                               gloss_json_scanner_next (scanner, &local_error),
                                               &local_error);
          if (node == NULL)
            return scanner_failed (error, local_error, where, name);
          if (*extra == NULL)
            *extra = json_object_new ();
          json_object_set_member (*extra, name, node);
          continue;
        }

      if (values[i].present)
        {
          corrupt (error, where, annotation_members[i].path, "appears twice");
          return FALSE;
        }

      if (i == A_TARGET || i == A_TAGS)
        {
          values[i].present = TRUE;
          values[i].token = token = gloss_json_scanner_next (scanner, &local_error);
          if (i == A_TARGET && token == GLOSS_JSON_TOKEN_BEGIN_OBJECT)
            {
              if (!read_members (scanner, target_members, reader->target, N_TARGET, where,
                                 error))
                return FALSE;
              continue;
            }
          if (i == A_TAGS && token == GLOSS_JSON_TOKEN_BEGIN_ARRAY)
            {
              if (!read_tags (reader, scanner, &local_error))
                return scanner_failed (error, local_error, where, NULL);
              continue;
            }
          if (token == GLOSS_JSON_TOKEN_ERROR
              || !gloss_json_scanner_skip (scanner, token, &local_error))
            return scanner_failed (error, local_error, where, NULL);
          continue;
        }

      if (!read_value (scanner, &values[i], &local_error))
        return scanner_failed (error, local_error, where, NULL);
    }

  if (token != GLOSS_JSON_TOKEN_END_OBJECT)
    return scanner_failed (error, local_error, where, NULL);

  return TRUE;
}

/* Checks what reader->annotation holds, in a fixed order whatever the order of the
 * members, and makes the annotation. */
static GlossAnnotation *
check_annotation (Reader       *reader,
                  const Where  *where,
                  guint         length,
                  JsonObject   *extra,
                  GError      **error)
{
  const Value *values = reader->annotation;
  const Value *target = reader->target;
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;
  const char *id, *exact, *prefix, *suffix, *color, *note;
  guint start, end;

  if (!check_string (&values[A_ID], where, "id", NULL, &id, error))
    return NULL;
  if (id[0] == '\0')
    {
      corrupt (error, where, "id", "is empty");
      return NULL;
    }

  if (!check_object (&values[A_TARGET], where, "target", error)
      || !check_uint (&target[T_START], where, "target.start", &start, error)
      || !check_uint (&target[T_END], where, "target.end", &end, error)
      || !check_string (&target[T_EXACT], where, "target.exact", NULL, &exact, error)
      || !check_string (&target[T_PREFIX], where, "target.prefix", "", &prefix, error)
      || !check_string (&target[T_SUFFIX], where, "target.suffix", "", &suffix, error))
    return NULL;
  if (start > end)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                   "%s %u: \"target.end\" (%u) is before \"target.start\" (%u)",
                   where->kind, where->number, end, start);
      return NULL;
    }
  if (end > length)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                   "%s %u: \"target.end\" (%u) is beyond the end of the article text (%u)",
                   where->kind, where->number, end, length);
      return NULL;
    }

  if (!check_string (&values[A_COLOR], where, "color", GLOSS_ANNOTATION_DEFAULT_COLOR,
                     &color, error))
    return NULL;
  if (values[A_TAGS].present && values[A_TAGS].token != GLOSS_JSON_TOKEN_BEGIN_ARRAY)
    {
      corrupt (error, where, "tags", "is not a list");
      return NULL;
    }
  if (reader->bad_tag)
    {
      corrupt (error, where, "tags", "has an item that is not a string");
      return NULL;
    }
  if (!check_string (&values[A_NOTE], where, "note", "", &note, error)
      || (created = check_time (&values[A_CREATED], where, "created", error)) == NULL
      || (modified = check_time (&values[A_MODIFIED], where, "modified", error)) == NULL)
    return NULL;
  if (color[0] == '\0')
    {
      corrupt (error, where, "color", "is empty");
      return NULL;
    }

  /* tag_chars is complete now: it will not move any more. */
  g_ptr_array_set_size (reader->tags, 0);
  for (guint i = 0; i < reader->tag_starts->len; i++)
    g_ptr_array_add (reader->tags,
                     reader->tag_chars->str + g_array_index (reader->tag_starts, gsize, i));
  g_ptr_array_add (reader->tags, NULL);

  annotation = gloss_annotation_new_full (id, start, end, exact, prefix, suffix,
                                          created, modified);
  /* What the file says, not an edit: `modified` stays as stored. */
  gloss_annotation_restore (annotation, color, (const char * const *) reader->tags->pdata,
                            note);
  gloss_annotation_set_extra_members (annotation, extra);

  return g_steal_pointer (&annotation);
}

static GlossJsonScanner *
scanner_for (Reader     *reader,
             const Span *span)
{
  /* The top level is one level already. */
  return gloss_json_scanner_new_trusted (reader->data, span->start, span->end, MAX_DEPTH - 1);
}

static gboolean
read_annotations (Reader                *reader,
                  const Span            *span,
                  GlossSidecarContents  *contents,
                  GError               **error)
{
  g_autoptr(GlossJsonScanner) scanner = NULL;
  g_autoptr(GHashTable) ids = NULL;
  GError *local_error = NULL;
  GlossJsonToken token;
  Where where = { "annotation", 0 };

  if (!span->present)
    {
      g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                           "\"annotations\" is missing");
      return FALSE;
    }

  scanner = scanner_for (reader, span);
  if (gloss_json_scanner_next (scanner, &local_error) != GLOSS_JSON_TOKEN_BEGIN_ARRAY)
    {
      g_clear_error (&local_error);
      g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                           "\"annotations\" is not a list");
      return FALSE;
    }

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  while ((token = gloss_json_scanner_next (scanner, &local_error))
         != GLOSS_JSON_TOKEN_END_ARRAY)
    {
      g_autoptr(JsonObject) extra = NULL;
      GlossAnnotation *annotation;

      where.number++;
      if (token == GLOSS_JSON_TOKEN_ERROR)
        return scanner_failed (error, local_error, &where, NULL);
      if (token != GLOSS_JSON_TOKEN_BEGIN_OBJECT)
        {
          g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                       "annotation %u is not an object", where.number);
          return FALSE;
        }

      if (!read_annotation_members (reader, scanner, &where, &extra, error))
        return FALSE;
      annotation = check_annotation (reader, &where, contents->length, extra, error);
      if (annotation == NULL)
        return FALSE;
      g_ptr_array_add (contents->annotations, annotation);

      if (!g_hash_table_add (ids, (gpointer) gloss_annotation_get_id (annotation)))
        {
          g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                       "annotation %u: the id \"%s\" is used twice", where.number,
                       gloss_annotation_get_id (annotation));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_deleted (Reader                *reader,
              const Span            *span,
              GlossSidecarContents  *contents,
              GError               **error)
{
  g_autoptr(GlossJsonScanner) scanner = NULL;
  GError *local_error = NULL;
  GlossJsonToken token;
  Where where = { "deletion", 0 };

  if (!span->present)
    return TRUE;

  scanner = scanner_for (reader, span);
  if (gloss_json_scanner_next (scanner, &local_error) != GLOSS_JSON_TOKEN_BEGIN_ARRAY)
    {
      g_clear_error (&local_error);
      g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                           "\"deleted\" is not a list");
      return FALSE;
    }

  while ((token = gloss_json_scanner_next (scanner, &local_error))
         != GLOSS_JSON_TOKEN_END_ARRAY)
    {
      const char *id;
      char *time;

      where.number++;
      if (token == GLOSS_JSON_TOKEN_ERROR)
        return scanner_failed (error, local_error, &where, NULL);
      if (token != GLOSS_JSON_TOKEN_BEGIN_OBJECT)
        {
          corrupt (error, &where, "deleted", "is not an object");
          return FALSE;
        }
      if (!read_members (scanner, deletion_members, reader->deletion, N_DELETION, &where,
                         error)
          || !check_string (&reader->deletion[D_ID], &where, "id", NULL, &id, error)
          || (time = check_time (&reader->deletion[D_DELETED], &where, "deleted",
                                 error)) == NULL)
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
read_article (Reader                *reader,
              const Span            *span,
              GlossSidecarContents  *contents,
              GError               **error)
{
  g_autoptr(GlossJsonScanner) scanner = NULL;
  const Where where = { NULL, 0 };
  Value *values = reader->article;
  const char *file, *sha256;

  if (!span->present)
    {
      corrupt (error, &where, "article", "is missing");
      return FALSE;
    }

  scanner = scanner_for (reader, span);
  if (gloss_json_scanner_next (scanner, NULL) != GLOSS_JSON_TOKEN_BEGIN_OBJECT)
    {
      corrupt (error, &where, "article", "is not an object");
      return FALSE;
    }

  if (!read_members (scanner, article_members, values, N_ARTICLE, &where, error)
      || !check_string (&values[ARTICLE_FILE], &where, "article.file", "", &file, error)
      || !check_string (&values[ARTICLE_SHA256], &where, "article.sha256", NULL, &sha256,
                        error)
      || !check_uint (&values[ARTICLE_LENGTH], &where, "article.length", &contents->length,
                      error)
      || !check_uint (&values[ARTICLE_TEXT_MODEL], &where, "article.text_model",
                      &contents->text_model, error))
    return FALSE;

  contents->file = g_strdup (file);
  contents->sha256 = g_strdup (sha256);

  return TRUE;
}

static gboolean
read_version (Reader      *reader,
              const Span  *span,
              guint       *version,
              GError     **error)
{
  g_autoptr(GlossJsonScanner) scanner = NULL;
  const Where where = { NULL, 0 };
  Value value = { FALSE, GLOSS_JSON_TOKEN_ERROR, NULL, 0 };
  gboolean ok;

  if (span->present)
    {
      scanner = scanner_for (reader, span);
      value.string = g_string_new (NULL);
      /* The first pass checked it: this cannot fail. */
      if (!read_value (scanner, &value, NULL))
        value.token = GLOSS_JSON_TOKEN_ERROR;
    }

  ok = check_uint (&value, &where, "version", version, error);
  if (value.string != NULL)
    g_string_free (value.string, TRUE);
  if (!ok)
    return FALSE;
  if (*version > GLOSS_SIDECAR_VERSION)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_NEWER_VERSION,
                   "written by a newer Gloss (format version %u; this one reads up to %d)",
                   *version, GLOSS_SIDECAR_VERSION);
      return FALSE;
    }
  if (*version < 1)
    {
      corrupt (error, &where, "version", "is not a known version");
      return FALSE;
    }

  return TRUE;
}

/* The first pass: checks that @data is one JSON object, and notes where its members are. */
static gboolean
scan_document (const char  *data,
               gsize        len,
               Span        *spans,
               GError     **error)
{
  g_autoptr(GlossJsonScanner) scanner = gloss_json_scanner_new (data, len, MAX_DEPTH);
  g_autoptr(GError) twice = NULL;
  GError *local_error = NULL;
  GlossJsonToken token;
  gboolean object;

  token = gloss_json_scanner_next (scanner, &local_error);
  object = token == GLOSS_JSON_TOKEN_BEGIN_OBJECT;
  if (!object)
    {
      if (!gloss_json_scanner_skip (scanner, token, &local_error))
        return scanner_failed (error, local_error, NULL, NULL);
    }
  else
    while ((token = gloss_json_scanner_next (scanner, &local_error))
           == GLOSS_JSON_TOKEN_MEMBER)
      {
        int i = find_member (scanner, root_members);
        gsize offset = gloss_json_scanner_get_offset (scanner);

        token = gloss_json_scanner_next (scanner, &local_error);
        if (i >= 0 && spans[i].present && twice == NULL)
          {
            guint line, column;

            /* Reported only if the file is JSON to its end, as any problem of content. */
            gloss_json_scanner_get_position (scanner, offset, &line, &column);
            g_set_error (&twice, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                         "has the member \"%s\" twice (line %u, column %u)",
                         root_members[i].name, line, column);
          }
        if (i >= 0)
          {
            spans[i].present = TRUE;
            spans[i].start = gloss_json_scanner_get_offset (scanner);
          }
        if (!gloss_json_scanner_skip (scanner, token, &local_error))
          return scanner_failed (error, local_error, NULL, NULL);
        if (i >= 0)
          spans[i].end = gloss_json_scanner_get_end_offset (scanner);
      }

  if ((object && token != GLOSS_JSON_TOKEN_END_OBJECT)
      || gloss_json_scanner_next (scanner, &local_error) != GLOSS_JSON_TOKEN_END)
    return scanner_failed (error, local_error, NULL, NULL);

  if (!object)
    {
      g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                           "not a JSON object");
      return FALSE;
    }
  if (twice != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&twice));
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_blank (const char *data,
          gsize       len)
{
  gsize i = 0;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  for (; i < len; i++)
    if (data[i] != ' ' && data[i] != '\n' && data[i] != '\r' && data[i] != '\t')
      return FALSE;

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
 *   says what is wrong, e.g. `annotation 3: "target.start" is not a number`, or for a file
 *   that is not JSON, where: `not valid JSON (line 7, column 12: expected ',' or '}', found 'x')`
 */
GlossSidecarContents *
gloss_sidecar_parse (const char  *data,
                     gsize        len,
                     GError     **error)
{
  g_autoptr(GlossSidecarContents) contents = NULL;
  g_auto(Reader) reader = { 0 };
  Span spans[N_ROOT] = { { 0 } };
  guint version;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len > GLOSS_SIDECAR_MAX_SIZE)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_TOO_LARGE,
                   "too large for an annotation file (%" G_GSIZE_FORMAT " bytes)", len);
      return NULL;
    }
  if (len == 0 || is_blank (data, len))
    {
      g_set_error_literal (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT, "empty");
      return NULL;
    }

  if (!scan_document (data, len, spans, error))
    return NULL;

  reader_init (&reader, data);
  /* The version first: a newer file may differ in anything else. */
  if (!read_version (&reader, &spans[ROOT_VERSION], &version, error))
    return NULL;

  contents = gloss_sidecar_contents_new ();
  if (!read_article (&reader, &spans[ROOT_ARTICLE], contents, error)
      || !read_annotations (&reader, &spans[ROOT_ANNOTATIONS], contents, error)
      || !read_deleted (&reader, &spans[ROOT_DELETED], contents, error))
    return NULL;

  return g_steal_pointer (&contents);
}
