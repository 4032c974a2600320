/* gloss-annotation.c: one highlight of a passage, with colour, tags and a note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The target is stored twice, as the W3C Web Annotation selectors do: a position (start and
 * end in code points over the article text) and a quote with some context around it. The
 * position is cheap to use; the quote lets anchoring find the passage again when the text
 * changed. Times are ISO 8601 UTC strings to the second, so that they compare as strings.
 */

#define G_LOG_DOMAIN "gloss-annotation"

#include "config.h"

#include "gloss-annotation.h"

#include <string.h>

struct _GlossAnnotation
{
  GObject           parent_instance;

  char             *id;
  guint             start;
  guint             end;
  char             *exact;
  char             *prefix;
  char             *suffix;
  char             *color;
  GStrv             tags;
  char             *note;
  char             *created;
  char             *modified;
  GlossAnchorState  anchor_state;
  guint             anchor_start;  /* where it is in the text now; the candidate if suggested */
  guint             anchor_end;
  JsonObject       *extra;
};

G_DEFINE_FINAL_TYPE (GlossAnnotation, gloss_annotation, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GlossAnchorState, gloss_anchor_state,
  G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_STATE_EXACT, "exact"),
  G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_STATE_MOVED, "moved"),
  G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_STATE_FUZZY, "fuzzy"),
  G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_STATE_SUGGESTED, "suggested"),
  G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_STATE_ORPHANED, "orphaned"))

enum {
  PROP_0,
  PROP_ID,
  PROP_START,
  PROP_END,
  PROP_EXACT,
  PROP_PREFIX,
  PROP_SUFFIX,
  PROP_COLOR,
  PROP_TAGS,
  PROP_NOTE,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_ANCHOR_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const colors[] = {
  "yellow", "green", "blue", "pink", "purple", "orange", "red", "gray", NULL
};

static const char * const state_names[] = {
  "exact", "moved", "fuzzy", "suggested", "orphaned",
};

/* Like g_utf8_offset_to_pointer(), but stops at the end of @text: returns NULL when @text
 * has fewer than @offset code points. */
static const char *
offset_to_pointer (const char *text,
                   const char *from,
                   guint       offset)
{
  const char *p = from;

  for (guint i = 0; i < offset; i++)
    {
      if (*p == '\0')
        return NULL;
      p = g_utf8_next_char (p);
    }

  return p;
}

/* "%Y" would not pad years before 1000, which then would not read back. */
static char *
format_time (GDateTime *time)
{
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (time), g_date_time_get_month (time),
                          g_date_time_get_day_of_month (time), g_date_time_get_hour (time),
                          g_date_time_get_minute (time), g_date_time_get_second (time));
}

/* Replaces *@field with @value; returns whether it changed. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
touch (GlossAnnotation *self)
{
  g_autofree char *now = gloss_annotation_now ();

  if (replace_string (&self->modified, now))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
gloss_annotation_finalize (GObject *object)
{
  GlossAnnotation *self = (GlossAnnotation *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->exact, g_free);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->suffix, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (gloss_annotation_parent_class)->finalize (object);
}

static void
gloss_annotation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GlossAnnotation *self = GLOSS_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_START:
      g_value_set_uint (value, self->start);
      break;

    case PROP_END:
      g_value_set_uint (value, self->end);
      break;

    case PROP_EXACT:
      g_value_set_string (value, self->exact);
      break;

    case PROP_PREFIX:
      g_value_set_string (value, self->prefix);
      break;

    case PROP_SUFFIX:
      g_value_set_string (value, self->suffix);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_CREATED:
      g_value_set_string (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_string (value, self->modified);
      break;

    case PROP_ANCHOR_STATE:
      g_value_set_enum (value, self->anchor_state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GlossAnnotation *self = GLOSS_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      gloss_annotation_set_color (self, g_value_get_string (value));
      break;

    case PROP_TAGS:
      gloss_annotation_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_NOTE:
      gloss_annotation_set_note (self, g_value_get_string (value));
      break;

    case PROP_ANCHOR_STATE:
      gloss_annotation_set_anchor_state (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_class_init (GlossAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = gloss_annotation_finalize;
  object_class->get_property = gloss_annotation_get_property;
  object_class->set_property = gloss_annotation_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_START] = g_param_spec_uint ("start", NULL, NULL, 0, G_MAXINT32, 0, ro);
  properties[PROP_END] = g_param_spec_uint ("end", NULL, NULL, 0, G_MAXINT32, 0, ro);
  properties[PROP_EXACT] = g_param_spec_string ("exact", NULL, NULL, NULL, ro);
  properties[PROP_PREFIX] = g_param_spec_string ("prefix", NULL, NULL, NULL, ro);
  properties[PROP_SUFFIX] = g_param_spec_string ("suffix", NULL, NULL, NULL, ro);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, GLOSS_ANNOTATION_DEFAULT_COLOR, rw);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "", rw);
  properties[PROP_CREATED] = g_param_spec_string ("created", NULL, NULL, NULL, ro);
  properties[PROP_MODIFIED] = g_param_spec_string ("modified", NULL, NULL, NULL, ro);
  properties[PROP_ANCHOR_STATE] =
    g_param_spec_enum ("anchor-state", NULL, NULL, GLOSS_TYPE_ANCHOR_STATE,
                       GLOSS_ANCHOR_STATE_EXACT, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_annotation_init (GlossAnnotation *self)
{
  self->color = g_strdup (GLOSS_ANNOTATION_DEFAULT_COLOR);
  self->tags = g_new0 (char *, 1);
  self->note = g_strdup ("");
  self->exact = g_strdup ("");
  self->prefix = g_strdup ("");
  self->suffix = g_strdup ("");
  self->anchor_state = GLOSS_ANCHOR_STATE_EXACT;
}

const char *
gloss_anchor_state_to_string (GlossAnchorState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

/**
 * gloss_anchor_state_from_string:
 * @name: "exact", "moved", "fuzzy", "suggested" or "orphaned"
 * @state: (out): where to put the state
 *
 * Returns: whether @name is a state
 */
gboolean
gloss_anchor_state_from_string (const char       *name,
                                GlossAnchorState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (strcmp (name, state_names[i]) == 0)
      {
        *state = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * gloss_annotation_list_colors:
 *
 * Returns: (transfer none): the palette's colour names, in the order to show them
 */
const char * const *
gloss_annotation_list_colors (void)
{
  return colors;
}

/**
 * gloss_annotation_color_is_valid:
 *
 * Whether @color is one of the palette's names. Annotations keep other names read from a
 * sidecar (a newer Gloss may have more colours), but only these should be offered.
 */
gboolean
gloss_annotation_color_is_valid (const char *color)
{
  return color != NULL && g_strv_contains (colors, color);
}

/* Whether @tags are normalised already, as in every file Gloss wrote: checked without
 * allocating, for a few ASCII tags (whose case folding is ASCII lower case). */
static gboolean
tags_are_normal (const char * const *tags)
{
  guint n = 0;

  for (; tags[n] != NULL; n++)
    {
      const char *tag = tags[n];
      gsize len = strlen (tag);

      if (n >= 16 || len == 0 || g_ascii_isspace (tag[0]) || g_ascii_isspace (tag[len - 1]))
        return FALSE;
      for (gsize i = 0; i < len; i++)
        if ((guchar) tag[i] >= 0x80)
          return FALSE;
      for (guint j = 0; j < n; j++)
        if (g_ascii_strcasecmp (tags[j], tag) == 0)
          return FALSE;
    }

  return TRUE;
}

/**
 * gloss_annotation_normalize_tags:
 * @tags: (nullable): tags as typed
 *
 * Trims each tag, drops empty ones and drops later duplicates, comparing case-insensitively
 * (so "Economy" and "economy" are one tag, spelled as it was first).
 *
 * Returns: (transfer full): the tags, never %NULL
 */
char **
gloss_annotation_normalize_tags (const char * const *tags)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;

  /* Loading 20,000 annotations spent a sixth of its time here without this. */
  if (tags == NULL || tags_are_normal (tags))
    return tags != NULL ? g_strdupv ((char **) tags) : g_new0 (char *, 1);

  builder = g_strv_builder_new ();
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *tag = NULL;
      char *key;

      if (!g_utf8_validate (tags[i], -1, NULL))
        continue;

      tag = g_strstrip (g_strdup (tags[i]));
      if (tag[0] == '\0')
        continue;

      key = g_utf8_casefold (tag, -1);
      if (!g_hash_table_add (seen, key))
        continue;

      g_strv_builder_add (builder, tag);
    }

  return g_strv_builder_end (builder);
}

/**
 * gloss_annotation_now:
 *
 * Returns: (transfer full): the current time as the sidecar writes it, "2026-11-25T18:55:00Z"
 */
char *
gloss_annotation_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return format_time (now);
}

static int
two_digits (const char *p)
{
  return (p[0] - '0') * 10 + (p[1] - '0');
}

/* "YYYY-MM-DDTHH:MM:SSZ" with a real date and time in it (year 1 to 9999, as GDateTime). */
static gboolean
is_canonical_time (const char *time)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  int year, month, day;

  for (guint i = 0; i < sizeof pattern - 1; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (time[i]) : time[i] != pattern[i])
        return FALSE;
    }
  if (time[sizeof pattern - 1] != '\0')
    return FALSE;

  year = two_digits (time) * 100 + two_digits (time + 2);
  month = two_digits (time + 5);
  day = two_digits (time + 8);

  return year >= 1 && month >= 1 && month <= 12 &&
         day >= 1 && day <= g_date_get_days_in_month (month, year) &&
         two_digits (time + 11) < 24 && two_digits (time + 14) < 60 &&
         two_digits (time + 17) < 60;
}

/**
 * gloss_annotation_normalize_time:
 * @time: an ISO 8601 time; without a time zone it is taken as UTC
 *
 * Returns: (transfer full) (nullable): @time in UTC to the second, or %NULL when @time is
 *   not a valid ISO 8601 time
 */
char *
gloss_annotation_normalize_time (const char *time)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) in_utc = NULL;

  if (time == NULL)
    return NULL;

  /* What Gloss writes needs no parsing: a sidecar of 20,000 annotations has 40,000 times. */
  if (is_canonical_time (time))
    return g_strdup (time);

  utc = g_time_zone_new_utc ();
  parsed = g_date_time_new_from_iso8601 (time, utc);
  if (parsed == NULL)
    return NULL;

  in_utc = g_date_time_to_utc (parsed);
  if (in_utc == NULL)
    return NULL;

  return format_time (in_utc);
}

/**
 * gloss_annotation_restore:
 * @color: (nullable): the colour, or %NULL for the default
 * @tags: (nullable): the tags
 * @note: (nullable): the note
 *
 * Sets what a reader found in a file, without counting it as an edit (`modified` stays):
 * for a new annotation, before anyone watches it.
 */
void
gloss_annotation_restore (GlossAnnotation    *self,
                          const char         *color,
                          const char * const *tags,
                          const char         *note)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  if (color != NULL)
    replace_string (&self->color, color);
  g_strfreev (self->tags);
  self->tags = gloss_annotation_normalize_tags (tags);
  replace_string (&self->note, note != NULL ? note : "");
}

/**
 * gloss_annotation_new:
 * @text: the article text, UTF-8
 * @start: first code point of the passage
 * @end: code point after the passage
 *
 * Creates an annotation of a passage of @text, with a new id, its quote and up to
 * %GLOSS_ANNOTATION_CONTEXT_LENGTH code points of context on each side.
 *
 * Returns: (transfer full) (nullable): the annotation, or %NULL when @start and @end are
 *   not a range of @text
 */
GlossAnnotation *
gloss_annotation_new (const char *text,
                      guint       start,
                      guint       end)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = gloss_annotation_now ();
  g_autoptr(GlossAnnotation) self = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = gloss_annotation_new_full (id, 0, 0, "", "", "", now, now);
  if (!gloss_annotation_set_target_from_text (self, text, start, end))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * gloss_annotation_new_for_article:
 *
 * Like gloss_annotation_new(), over the text of @article.
 */
GlossAnnotation *
gloss_annotation_new_for_article (GlossArticle *article,
                                  guint         start,
                                  guint         end)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (start <= end && end <= gloss_article_get_length (article), NULL);

  return gloss_annotation_new (gloss_article_get_text (article), start, end);
}

/**
 * gloss_annotation_new_full:
 * @created: (nullable): creation time, now if %NULL
 * @modified: (nullable): modification time, @created if %NULL
 *
 * Creates an annotation with every stored field given, for readers of stored annotations.
 * The times must be as gloss_annotation_normalize_time() returns them.
 *
 * Returns: (transfer full): the annotation, with the default colour, no tags and no note
 */
GlossAnnotation *
gloss_annotation_new_full (const char *id,
                           guint       start,
                           guint       end,
                           const char *exact,
                           const char *prefix,
                           const char *suffix,
                           const char *created,
                           const char *modified)
{
  GlossAnnotation *self;

  g_return_val_if_fail (id != NULL && id[0] != '\0', NULL);
  g_return_val_if_fail (start <= end && end <= G_MAXINT32, NULL);

  self = g_object_new (GLOSS_TYPE_ANNOTATION, NULL);
  self->id = g_strdup (id);
  self->start = self->anchor_start = start;
  self->end = self->anchor_end = end;
  replace_string (&self->exact, exact != NULL ? exact : "");
  replace_string (&self->prefix, prefix != NULL ? prefix : "");
  replace_string (&self->suffix, suffix != NULL ? suffix : "");
  self->created = created != NULL ? g_strdup (created) : gloss_annotation_now ();
  self->modified = g_strdup (modified != NULL ? modified : self->created);

  return self;
}

/**
 * gloss_annotation_copy:
 *
 * Returns: (transfer full): a new annotation with the same id and every field of @self,
 *   anchored where @self is, in no set: a snapshot for undo
 */
GlossAnnotation *
gloss_annotation_copy (GlossAnnotation *self)
{
  GlossAnnotation *copy;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  copy = gloss_annotation_new_full (self->id, self->start, self->end, self->exact,
                                    self->prefix, self->suffix, self->created, self->modified);
  gloss_annotation_update_from (copy, self);

  return copy;
}

/**
 * gloss_annotation_update_from:
 * @other: another version of the same annotation
 *
 * Takes every stored field of @other (target, colour, tags, note, times and unknown
 * members), as when merging a version changed elsewhere, and where @other is anchored now.
 * `modified` is taken as it is, not set to now. The id stays.
 */
void
gloss_annotation_update_from (GlossAnnotation *self,
                              GlossAnnotation *other)
{
  GObject *object = G_OBJECT (self);

  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (other));

  g_object_freeze_notify (object);
  gloss_annotation_set_target (self, other->start, other->end,
                               other->exact, other->prefix, other->suffix);
  if (replace_string (&self->color, other->color))
    g_object_notify_by_pspec (object, properties[PROP_COLOR]);
  if (!g_strv_equal ((const char * const *) self->tags, (const char * const *) other->tags))
    {
      g_strfreev (self->tags);
      self->tags = g_strdupv (other->tags);
      g_object_notify_by_pspec (object, properties[PROP_TAGS]);
    }
  if (replace_string (&self->note, other->note))
    g_object_notify_by_pspec (object, properties[PROP_NOTE]);
  if (replace_string (&self->created, other->created))
    g_object_notify_by_pspec (object, properties[PROP_CREATED]);
  if (replace_string (&self->modified, other->modified))
    g_object_notify_by_pspec (object, properties[PROP_MODIFIED]);
  gloss_annotation_set_extra_members (self, other->extra);
  gloss_annotation_set_anchor (self, other->anchor_state, other->anchor_start, other->anchor_end);
  g_object_thaw_notify (object);
}

/**
 * gloss_annotation_equal:
 *
 * Returns: whether @a and @b store the same thing: target, colour, tags, note and times
 *   (unknown members and the anchor state are not compared)
 */
gboolean
gloss_annotation_equal (GlossAnnotation *a,
                        GlossAnnotation *b)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (b), FALSE);

  return g_str_equal (a->id, b->id) && a->start == b->start && a->end == b->end &&
         g_str_equal (a->exact, b->exact) && g_str_equal (a->prefix, b->prefix) &&
         g_str_equal (a->suffix, b->suffix) && g_str_equal (a->color, b->color) &&
         g_strv_equal ((const char * const *) a->tags, (const char * const *) b->tags) &&
         g_str_equal (a->note, b->note) && g_str_equal (a->created, b->created) &&
         g_str_equal (a->modified, b->modified);
}

/**
 * gloss_annotation_compare:
 *
 * Orders annotations by position: start, then end, then creation time, then id.
 */
int
gloss_annotation_compare (GlossAnnotation *a,
                          GlossAnnotation *b)
{
  int cmp;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  if ((cmp = g_strcmp0 (a->created, b->created)) != 0)
    return cmp;

  return g_strcmp0 (a->id, b->id);
}

const char *
gloss_annotation_get_id (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->id;
}

guint
gloss_annotation_get_start (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);

  return self->start;
}

guint
gloss_annotation_get_end (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);

  return self->end;
}

const char *
gloss_annotation_get_exact (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->exact;
}

const char *
gloss_annotation_get_prefix (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->prefix;
}

const char *
gloss_annotation_get_suffix (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->suffix;
}

/**
 * gloss_annotation_set_target:
 *
 * Sets the stored target, a passage of the text as it is now: the annotation is then
 * anchored there, exactly. Does not change `modified`: anchoring moves targets when the
 * article changed, which is not an edit of the annotation.
 */
void
gloss_annotation_set_target (GlossAnnotation *self,
                             guint            start,
                             guint            end,
                             const char      *exact,
                             const char      *prefix,
                             const char      *suffix)
{
  GObject *object = G_OBJECT (self);

  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (start <= end && end <= G_MAXINT32);

  g_object_freeze_notify (object);
  if (self->start != start)
    {
      self->start = start;
      g_object_notify_by_pspec (object, properties[PROP_START]);
    }
  if (self->end != end)
    {
      self->end = end;
      g_object_notify_by_pspec (object, properties[PROP_END]);
    }
  if (replace_string (&self->exact, exact != NULL ? exact : ""))
    g_object_notify_by_pspec (object, properties[PROP_EXACT]);
  if (replace_string (&self->prefix, prefix != NULL ? prefix : ""))
    g_object_notify_by_pspec (object, properties[PROP_PREFIX]);
  if (replace_string (&self->suffix, suffix != NULL ? suffix : ""))
    g_object_notify_by_pspec (object, properties[PROP_SUFFIX]);
  gloss_annotation_set_anchor (self, GLOSS_ANCHOR_STATE_EXACT, start, end);
  g_object_thaw_notify (object);
}

/**
 * gloss_annotation_set_target_from_text:
 * @text: the article text
 *
 * Sets the target to the passage [@start, @end) of @text, with its quote and context.
 *
 * Returns: %FALSE (and changes nothing) when @text is shorter than @end code points
 */
gboolean
gloss_annotation_set_target_from_text (GlossAnnotation *self,
                                       const char      *text,
                                       guint            start,
                                       guint            end)
{
  const char *p_start, *p_end, *p_prefix, *p_suffix;
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  guint context;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (start <= end, FALSE);

  context = MIN (start, GLOSS_ANNOTATION_CONTEXT_LENGTH);
  p_prefix = offset_to_pointer (text, text, start - context);
  p_start = p_prefix != NULL ? offset_to_pointer (text, p_prefix, context) : NULL;
  p_end = p_start != NULL ? offset_to_pointer (text, p_start, end - start) : NULL;
  if (p_end == NULL)
    return FALSE;

  p_suffix = p_end;
  for (guint i = 0; i < GLOSS_ANNOTATION_CONTEXT_LENGTH && *p_suffix != '\0'; i++)
    p_suffix = g_utf8_next_char (p_suffix);

  prefix = g_strndup (p_prefix, p_start - p_prefix);
  exact = g_strndup (p_start, p_end - p_start);
  suffix = g_strndup (p_end, p_suffix - p_end);
  gloss_annotation_set_target (self, start, end, exact, prefix, suffix);

  return TRUE;
}

const char *
gloss_annotation_get_color (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->color;
}

/**
 * gloss_annotation_set_color:
 * @color: a colour name, see gloss_annotation_list_colors()
 *
 * Sets the colour, and `modified` when it changed.
 */
void
gloss_annotation_set_color (GlossAnnotation *self,
                            const char      *color)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (color != NULL && color[0] != '\0');

  if (replace_string (&self->color, color))
    {
      g_object_freeze_notify (G_OBJECT (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
      touch (self);
      g_object_thaw_notify (G_OBJECT (self));
    }
}

/**
 * gloss_annotation_get_tags:
 *
 * Returns: (transfer none): the tags, in order, never %NULL
 */
const char * const *
gloss_annotation_get_tags (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return (const char * const *) self->tags;
}

/**
 * gloss_annotation_set_tags:
 * @tags: (nullable): the tags, normalised with gloss_annotation_normalize_tags()
 *
 * Sets the tags, and `modified` when they changed.
 */
void
gloss_annotation_set_tags (GlossAnnotation    *self,
                           const char * const *tags)
{
  g_auto(GStrv) normal = NULL;

  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  normal = gloss_annotation_normalize_tags (tags);
  if (g_strv_equal ((const char * const *) normal, (const char * const *) self->tags))
    return;

  g_strfreev (self->tags);
  self->tags = g_steal_pointer (&normal);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
  touch (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * gloss_annotation_add_tag:
 *
 * Appends @tag unless the annotation has it already (compared case-insensitively).
 *
 * Returns: whether the tags changed
 */
gboolean
gloss_annotation_add_tag (GlossAnnotation *self,
                          const char      *tag)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tags = NULL;
  guint before;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  before = g_strv_length (self->tags);
  g_strv_builder_addv (builder, (const char **) self->tags);
  g_strv_builder_add (builder, tag);
  tags = g_strv_builder_end (builder);
  gloss_annotation_set_tags (self, (const char * const *) tags);

  return g_strv_length (self->tags) != before;
}

/**
 * gloss_annotation_remove_tag:
 *
 * Removes @tag, compared case-insensitively.
 *
 * Returns: whether the tags changed
 */
gboolean
gloss_annotation_remove_tag (GlossAnnotation *self,
                             const char      *tag)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *key = NULL;
  g_autofree char *trimmed = NULL;
  g_auto(GStrv) tags = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (tag));
  key = g_utf8_casefold (trimmed, -1);
  for (guint i = 0; self->tags[i] != NULL; i++)
    {
      g_autofree char *other = g_utf8_casefold (self->tags[i], -1);

      if (strcmp (key, other) == 0)
        found = TRUE;
      else
        g_strv_builder_add (builder, self->tags[i]);
    }

  if (!found)
    return FALSE;

  tags = g_strv_builder_end (builder);
  gloss_annotation_set_tags (self, (const char * const *) tags);

  return TRUE;
}

const char *
gloss_annotation_get_note (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->note;
}

/**
 * gloss_annotation_set_note:
 * @note: (nullable): plain text, may have several lines
 *
 * Sets the note, and `modified` when it changed.
 */
void
gloss_annotation_set_note (GlossAnnotation *self,
                           const char      *note)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (note == NULL || g_utf8_validate (note, -1, NULL));

  if (replace_string (&self->note, note != NULL ? note : ""))
    {
      g_object_freeze_notify (G_OBJECT (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
      touch (self);
      g_object_thaw_notify (G_OBJECT (self));
    }
}

const char *
gloss_annotation_get_created (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->created;
}

const char *
gloss_annotation_get_modified (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->modified;
}

/**
 * gloss_annotation_set_modified:
 * @modified: a time as gloss_annotation_normalize_time() returns it
 *
 * Sets the modification time, for readers and tests; edits set it by themselves.
 */
void
gloss_annotation_set_modified (GlossAnnotation *self,
                               const char      *modified)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (modified != NULL);

  if (replace_string (&self->modified, modified))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

GlossAnchorState
gloss_annotation_get_anchor_state (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), GLOSS_ANCHOR_STATE_EXACT);

  return self->anchor_state;
}

void
gloss_annotation_set_anchor_state (GlossAnnotation  *self,
                                   GlossAnchorState  state)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  gloss_annotation_set_anchor (self, state, self->anchor_start, self->anchor_end);
}

/**
 * gloss_annotation_set_anchor:
 * @state: how the annotation was found in the text as it is now
 * @start: where it is now, in code points (for %GLOSS_ANCHOR_STATE_SUGGESTED: the candidate)
 * @end: the end of that passage
 *
 * Records where anchoring found the annotation in the current article text. Never stored
 * and not an edit: the stored target stays what it was until the user changes it.
 * Notifies #GlossAnnotation:anchor-state when the state or the passage changed.
 */
void
gloss_annotation_set_anchor (GlossAnnotation  *self,
                             GlossAnchorState  state,
                             guint             start,
                             guint             end)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (state <= GLOSS_ANCHOR_STATE_ORPHANED);
  g_return_if_fail (start <= end);

  if (state == GLOSS_ANCHOR_STATE_ORPHANED)
    start = end = 0;
  if (self->anchor_state == state && self->anchor_start == start && self->anchor_end == end)
    return;

  self->anchor_state = state;
  self->anchor_start = start;
  self->anchor_end = end;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANCHOR_STATE]);
}

/* Whether the annotation is on a passage of the current text (exact, moved or fuzzy). */
gboolean
gloss_annotation_is_attached (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), FALSE);

  return self->anchor_state <= GLOSS_ANCHOR_STATE_FUZZY;
}

/* Where the annotation is in the current text; for a suggested one, the candidate. */
guint
gloss_annotation_get_anchor_start (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);

  return self->anchor_start;
}

guint
gloss_annotation_get_anchor_end (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);

  return self->anchor_end;
}

/**
 * gloss_annotation_get_extra_members:
 *
 * Returns: (transfer none) (nullable): members of the stored annotation that this version
 *   does not know (written by a newer Gloss), kept to be written back
 */
JsonObject *
gloss_annotation_get_extra_members (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->extra;
}

void
gloss_annotation_set_extra_members (GlossAnnotation *self,
                                    JsonObject      *members)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  if (members != NULL && json_object_get_size (members) == 0)
    members = NULL;
  if (members == self->extra)
    return;

  g_clear_pointer (&self->extra, json_object_unref);
  if (members != NULL)
    self->extra = json_object_ref (members);
}
