/* gloss-article.c: an article: its source file, text, structure and metadata
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An article is immutable once read: a changed file is read again into a new article, and
 * annotations are anchored against the new one. Reading runs in a worker thread through
 * gloss_article_load_async(); everything here is thread-safe until the object is shared.
 */

#define G_LOG_DOMAIN "gloss-article"

#include "config.h"

#include "gloss-article.h"
#include "gloss-article-metadata.h"
#include "gloss-html-importer.h"
#include "gloss-markdown-importer.h"
#include "gloss-plain-text-importer.h"
#include "gloss-text-decoder.h"

#include <string.h>

#ifdef __GLIBC__
# include <malloc.h>
#endif

struct _GlossArticle
{
  GObject               parent_instance;

  GFile                *file;
  GlossArticleFormat    format;
  char                 *text;
  gsize                 text_size;
  guint                 length;
  char                 *sha256;
  GArray               *spans;
  GlossArticleMetadata  meta;
};

G_DEFINE_FINAL_TYPE (GlossArticle, gloss_article, G_TYPE_OBJECT)

G_DEFINE_QUARK (gloss-article-error-quark, gloss_article_error)

enum {
  PROP_0,
  PROP_FILE,
  PROP_FORMAT,
  PROP_TITLE,
  PROP_OUTLET,
  PROP_AUTHOR,
  PROP_DATE,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char         *suffix;
  GlossArticleFormat  format;
} suffixes[] = {
  { ".txt", GLOSS_ARTICLE_FORMAT_PLAIN_TEXT },
  { ".text", GLOSS_ARTICLE_FORMAT_PLAIN_TEXT },
  { ".md", GLOSS_ARTICLE_FORMAT_MARKDOWN },
  { ".markdown", GLOSS_ARTICLE_FORMAT_MARKDOWN },
  { ".mdown", GLOSS_ARTICLE_FORMAT_MARKDOWN },
  { ".mkd", GLOSS_ARTICLE_FORMAT_MARKDOWN },
  { ".html", GLOSS_ARTICLE_FORMAT_HTML },
  { ".htm", GLOSS_ARTICLE_FORMAT_HTML },
  { ".xhtml", GLOSS_ARTICLE_FORMAT_HTML },
};

static gboolean
has_suffix_nocase (const char *name,
                   const char *suffix)
{
  gsize n = strlen (name), s = strlen (suffix);

  return n > s && g_ascii_strcasecmp (name + n - s, suffix) == 0;
}

/**
 * gloss_article_is_article_name:
 *
 * Whether a file in a folder that is opened should be shown as an article: by its suffix,
 * never a sidecar or a hidden file.
 */
gboolean
gloss_article_is_article_name (const char *file_name)
{
  g_return_val_if_fail (file_name != NULL, FALSE);

  if (file_name[0] == '.' || g_str_has_suffix (file_name, ".annotations.json"))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (has_suffix_nocase (file_name, suffixes[i].suffix))
      return TRUE;

  return FALSE;
}

/**
 * gloss_article_format_guess:
 * @file_name: (nullable): the file's name, whose suffix decides when it is known
 * @data: (nullable): the start of the file, sniffed for HTML otherwise
 */
GlossArticleFormat
gloss_article_format_guess (const char *file_name,
                            const char *data,
                            gsize       len)
{
  if (file_name != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      if (has_suffix_nocase (file_name, suffixes[i].suffix))
        return suffixes[i].format;

  if (data != NULL)
    {
      gsize i = 0;

      if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        i = 3;
      while (i < len && g_ascii_isspace (data[i]))
        i++;
      if (len - i >= 9 && g_ascii_strncasecmp (data + i, "<!doctype", 9) == 0)
        return GLOSS_ARTICLE_FORMAT_HTML;
      if (len - i >= 5 && g_ascii_strncasecmp (data + i, "<html", 5) == 0)
        return GLOSS_ARTICLE_FORMAT_HTML;
    }

  return GLOSS_ARTICLE_FORMAT_PLAIN_TEXT;
}

static void
gloss_article_finalize (GObject *object)
{
  GlossArticle *self = (GlossArticle *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->spans, g_array_unref);
  gloss_article_metadata_clear (&self->meta);

  G_OBJECT_CLASS (gloss_article_parent_class)->finalize (object);
}

static void
gloss_article_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GlossArticle *self = GLOSS_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_FORMAT:
      g_value_set_int (value, self->format);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->meta.title);
      break;

    case PROP_OUTLET:
      g_value_set_string (value, self->meta.outlet);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->meta.author);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->meta.date);
      break;

    case PROP_URL:
      g_value_set_string (value, self->meta.url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_class_init (GlossArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_article_finalize;
  object_class->get_property = gloss_article_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT] =
    g_param_spec_int ("format", NULL, NULL,
                      GLOSS_ARTICLE_FORMAT_PLAIN_TEXT, GLOSS_ARTICLE_FORMAT_HTML,
                      GLOSS_ARTICLE_FORMAT_PLAIN_TEXT,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTLET] =
    g_param_spec_string ("outlet", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_article_init (GlossArticle *self)
{
}

static gboolean
import_data (GlossArticle  *self,
             const char    *data,
             gsize          len,
             GError       **error)
{
  g_autoptr(GlossTextBuilder) builder = gloss_text_builder_new ();
  g_autofree char *decoded = NULL;
  gsize decoded_len = 0;
  gboolean ok;

  if (self->format == GLOSS_ARTICLE_FORMAT_HTML)
    {
      if (gloss_text_looks_binary (data, len))
        {
          g_set_error_literal (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_BINARY,
                               "binary data, not text");
          return FALSE;
        }
      ok = gloss_html_import (data, len, builder, &self->meta, error);
    }
  else
    {
      decoded = gloss_text_decode (data, len, &decoded_len, error);
      if (decoded == NULL)
        return FALSE;

      if (self->format == GLOSS_ARTICLE_FORMAT_MARKDOWN)
        ok = gloss_markdown_import (decoded, decoded_len, builder, &self->meta, error);
      else
        ok = gloss_plain_text_import (decoded, decoded_len, builder, &self->meta, error);
    }

  if (!ok)
    return FALSE;

  self->length = gloss_text_builder_get_length (builder);
  self->text = gloss_text_builder_end (builder, &self->spans);
  self->text_size = strlen (self->text);
  self->sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->text, self->text_size);

  return TRUE;
}

/* GIO's messages name the file again ("Error opening file “x”: …"), but every caller names
 * it already; keep the reason only, for the common cases. */
static void
simplify_io_error (GError *error)
{
  const char *reason = NULL;

  if (error->domain != G_IO_ERROR)
    return;

  switch (error->code)
    {
    case G_IO_ERROR_NOT_FOUND:
      reason = "no such file";
      break;
    case G_IO_ERROR_PERMISSION_DENIED:
      reason = "permission denied";
      break;
    case G_IO_ERROR_IS_DIRECTORY:
      reason = "a folder, not an article";
      break;
    default:
      return;
    }

  g_free (error->message);
  error->message = g_strdup (reason);
}

/**
 * gloss_article_new_from_data:
 * @data: the bytes of a source file
 * @format: how to read them
 *
 * Reads an article that has no file (tests, fuzzing, text from the clipboard).
 *
 * Returns: (transfer full): the article, or %NULL with a %GLOSS_ARTICLE_ERROR set
 */
GlossArticle *
gloss_article_new_from_data (const char          *data,
                             gsize                len,
                             GlossArticleFormat   format,
                             GError             **error)
{
  g_autoptr(GlossArticle) self = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  self = g_object_new (GLOSS_TYPE_ARTICLE, NULL);
  self->format = format;

  if (!import_data (self, data != NULL ? data : "", len, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * gloss_article_load:
 * @file: the source file
 *
 * Reads and imports @file, blocking; see gloss_article_load_async(). Files over
 * %GLOSS_ARTICLE_MAX_FILE_SIZE are refused before anything is read.
 *
 * Returns: (transfer full): the article, or %NULL with a #GIOError or %GLOSS_ARTICLE_ERROR
 */
GlossArticle *
gloss_article_load (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GlossArticle) self = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      simplify_io_error (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_NOT_FILE,
                           "a folder, not an article");
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_NOT_FILE,
                           "not a regular file");
      return NULL;
    }
  if ((guint64) g_file_info_get_size (info) > GLOSS_ARTICLE_MAX_FILE_SIZE)
    {
      g_set_error (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_TOO_LARGE,
                   "too large (%" G_GUINT64_FORMAT " MB); Gloss opens articles of up to "
                   "%" G_GUINT64_FORMAT " MB",
                   (guint64) g_file_info_get_size (info) / (1024 * 1024),
                   GLOSS_ARTICLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &data, &len, NULL, &local_error))
    {
      simplify_io_error (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The file may have grown since it was measured. */
  if (len > GLOSS_ARTICLE_MAX_FILE_SIZE)
    {
      g_set_error (error, GLOSS_ARTICLE_ERROR, GLOSS_ARTICLE_ERROR_TOO_LARGE,
                   "too large; Gloss opens articles of up to %" G_GUINT64_FORMAT " MB",
                   GLOSS_ARTICLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  name = g_file_get_basename (file);
  self = g_object_new (GLOSS_TYPE_ARTICLE, NULL);
  self->file = g_object_ref (file);
  self->format = gloss_article_format_guess (name, data, len);

  if (!import_data (self, data, len, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  GlossArticle *article;

  article = gloss_article_load (file, cancellable, &error);

#ifdef __GLIBC__
  /* Reading a large file frees several times its size in temporaries (the raw bytes, the
   * decoded copy, the builder's growth); glibc keeps freed memory of a thread's arena, so
   * give it back now rather than carry it for the life of the window. */
  malloc_trim (0);
#endif

  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, g_object_unref);
}

/**
 * gloss_article_load_async:
 *
 * Reads and imports @file in a worker thread.
 */
void
gloss_article_load_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_article_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

GlossArticle *
gloss_article_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Returns: (nullable): the source file; %NULL for an article made from data */
GFile *
gloss_article_get_file (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->file;
}

GlossArticleFormat
gloss_article_get_format (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), 0);

  return self->format;
}

/* The article text that annotations refer to: NUL-terminated UTF-8. */
const char *
gloss_article_get_text (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->text;
}

/* The size of the article text in bytes. */
gsize
gloss_article_get_text_size (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), 0);

  return self->text_size;
}

/* The length of the article text in code points. */
guint
gloss_article_get_length (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), 0);

  return self->length;
}

/* The SHA-256 of the article text's UTF-8 bytes, in lower-case hex. */
const char *
gloss_article_get_sha256 (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->sha256;
}

/**
 * gloss_article_get_spans:
 * @n_spans: (out): how many
 *
 * Returns: (array length=n_spans): the structure of the text, in document order (a range
 *   comes before the ranges nested in it)
 */
const GlossSpan *
gloss_article_get_spans (GlossArticle *self,
                         guint        *n_spans)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (n_spans != NULL, NULL);

  *n_spans = self->spans->len;
  return (const GlossSpan *) self->spans->data;
}

const char *
gloss_article_get_title (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->meta.title;
}

const char *
gloss_article_get_outlet (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->meta.outlet;
}

const char *
gloss_article_get_author (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->meta.author;
}

const char *
gloss_article_get_date (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->meta.date;
}

const char *
gloss_article_get_url (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->meta.url;
}

/* The title, else the file's display name, else "Untitled". */
char *
gloss_article_dup_display_title (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  if (self->meta.title != NULL)
    return g_strdup (self->meta.title);
  if (self->file != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->file);

      return g_filename_display_name (name);
    }

  return g_strdup ("Untitled");
}
