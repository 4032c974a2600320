/* gloss-annotation-set.c: all annotations of one article, and its sidecar file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list model of annotations ordered by position, which loads and saves the article's
 * sidecar. Two rules protect people's work: a sidecar that could not be read is never
 * overwritten (the set becomes read-only), and a sidecar changed by someone else since it
 * was read is merged, annotation by annotation, before it is written.
 *
 * Deleted annotations leave a tombstone (id and deletion time) in the file, so that a copy
 * of the file that still has them cannot bring them back when the two are merged.
 *
 * Several writers can save one sidecar at once (two windows, the command line, a sync tool):
 * Gloss processes take turns with a lock on the folder, and a write that came in from
 * another program between our read and our write is noticed (see gloss_sidecar_replace())
 * and merged too. When the article's folder cannot take the sidecar (read-only, not ours,
 * gone), it is kept in the fallback location, and merged back when the folder can again.
 *
 * A set can be created and loaded in a worker thread and then handed to the main thread;
 * it keeps no global state.
 */

#define G_LOG_DOMAIN "gloss-annotation-set"

#include "config.h"

#include "gloss-anchor.h"
#include "gloss-annotation-set.h"
#include "gloss-sidecar.h"

#include <string.h>

#include <glib/gstdio.h>

struct _GlossAnnotationSet
{
  GObject      parent_instance;

  GFile       *article_file;
  char        *sha256;
  guint        length;
  char        *stored_sha256;
  guint        stored_length;
  guint        merges;  /* times another writer's changes came in */

  GPtrArray   *items;      /* sorted by gloss_annotation_compare() */
  GHashTable  *by_id;      /* id (the annotation's) → annotation */
  GHashTable  *deleted;    /* id → deletion time */

  GFile       *sidecar;    /* where it was read from or written to, else NULL */
  gboolean     is_fallback;
  GError      *fallback_reason;  /* why it is not next to the article, when Gloss found out */
  gboolean     merged_fallback;  /* a fallback copy came in: remove it once saved here */
  GBytes      *disk;       /* its bytes then, NULL when there was no file */
  GError      *load_error;

  guint        dirty : 1;
  guint        read_only : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossAnnotationSet, gloss_annotation_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ARTICLE_FILE,
  PROP_DIRTY,
  PROP_READ_ONLY,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
gloss_annotation_set_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_ANNOTATION;
}

static guint
gloss_annotation_set_get_n_items (GListModel *model)
{
  return GLOSS_ANNOTATION_SET (model)->items->len;
}

static gpointer
gloss_annotation_set_get_item (GListModel *model,
                               guint       position)
{
  GlossAnnotationSet *self = GLOSS_ANNOTATION_SET (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gloss_annotation_set_get_item_type;
  iface->get_n_items = gloss_annotation_set_get_n_items;
  iface->get_item = gloss_annotation_set_get_item;
}

static void
items_changed (GlossAnnotationSet *self,
               guint               position,
               guint               removed,
               guint               added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
set_dirty (GlossAnnotationSet *self,
           gboolean            dirty)
{
  if (self->dirty == !!dirty)
    return;

  self->dirty = !!dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/* Something that is stored changed: the window saves after a delay. */
static void
changed (GlossAnnotationSet *self)
{
  set_dirty (self, TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Where @annotation goes: after every item that sorts before or equal to it. */
static guint
find_insert_position (GlossAnnotationSet *self,
                      GlossAnnotation    *annotation)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (gloss_annotation_compare (g_ptr_array_index (self->items, mid), annotation) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static guint
find_position (GlossAnnotationSet *self,
               GlossAnnotation    *annotation)
{
  guint position = 0;

  if (!g_ptr_array_find (self->items, annotation, &position))
    g_assert_not_reached ();

  return position;
}

/* Moves @annotation to where its position now sorts; emits one items-changed over the span
 * of items that moved. */
static void
reposition (GlossAnnotationSet *self,
            GlossAnnotation    *annotation)
{
  guint old_pos = find_position (self, annotation);
  guint new_pos, first, last;

  g_ptr_array_steal_index (self->items, old_pos);
  new_pos = find_insert_position (self, annotation);
  g_ptr_array_insert (self->items, new_pos, annotation);

  if (new_pos == old_pos)
    return;

  first = MIN (old_pos, new_pos);
  last = MAX (old_pos, new_pos);
  items_changed (self, first, last - first + 1, last - first + 1);
}

static void
on_annotation_notify (GlossAnnotationSet *self,
                      GParamSpec         *pspec,
                      GlossAnnotation    *annotation)
{
  const char *name = g_param_spec_get_name (pspec);

  /* The anchor state is found on opening, never stored. */
  if (g_str_equal (name, "anchor-state"))
    return;

  if (g_str_equal (name, "start") || g_str_equal (name, "end") || g_str_equal (name, "created"))
    reposition (self, annotation);

  changed (self);
}

/* Adds without the checks and the tombstone handling of gloss_annotation_set_add(). */
static void
insert_annotation (GlossAnnotationSet *self,
                   GlossAnnotation    *annotation)
{
  guint position = find_insert_position (self, annotation);

  g_ptr_array_insert (self->items, position, g_object_ref (annotation));
  g_hash_table_insert (self->by_id, (gpointer) gloss_annotation_get_id (annotation), annotation);
  /* Not g_signal_connect_object(): its weak reference per annotation makes freeing 20,000
   * quadratic. Every path that drops an annotation disconnects it (clear_items ()). */
  g_signal_connect_swapped (annotation, "notify", G_CALLBACK (on_annotation_notify), self);
  items_changed (self, position, 0, 1);
  changed (self);
}

static void
remove_annotation (GlossAnnotationSet *self,
                   GlossAnnotation    *annotation,
                   const char         *deletion_time)
{
  guint position = find_position (self, annotation);

  /* The array's reference keeps @annotation alive until the end. */
  g_ptr_array_steal_index (self->items, position);
  g_signal_handlers_disconnect_by_func (annotation, on_annotation_notify, self);
  g_hash_table_insert (self->deleted, g_strdup (gloss_annotation_get_id (annotation)),
                       g_strdup (deletion_time));
  g_hash_table_remove (self->by_id, gloss_annotation_get_id (annotation));
  items_changed (self, position, 1, 0);
  changed (self);
  g_object_unref (annotation);
}

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  return gloss_annotation_compare (*(GlossAnnotation **) a, *(GlossAnnotation **) b);
}

static void
clear_items (GlossAnnotationSet *self)
{
  for (guint i = 0; i < self->items->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->items, i),
                                          on_annotation_notify, self);
  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->items, 0);
}

static void
gloss_annotation_set_dispose (GObject *object)
{
  GlossAnnotationSet *self = (GlossAnnotationSet *)object;

  if (self->items != NULL)
    clear_items (self);
  g_clear_object (&self->article_file);
  g_clear_object (&self->sidecar);

  G_OBJECT_CLASS (gloss_annotation_set_parent_class)->dispose (object);
}

static void
gloss_annotation_set_finalize (GObject *object)
{
  GlossAnnotationSet *self = (GlossAnnotationSet *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->stored_sha256, g_free);
  g_clear_pointer (&self->disk, g_bytes_unref);
  g_clear_error (&self->load_error);
  g_clear_error (&self->fallback_reason);

  G_OBJECT_CLASS (gloss_annotation_set_parent_class)->finalize (object);
}

static void
gloss_annotation_set_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossAnnotationSet *self = GLOSS_ANNOTATION_SET (object);

  switch (prop_id)
    {
    case PROP_ARTICLE_FILE:
      g_value_set_object (value, self->article_file);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_set_class_init (GlossAnnotationSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = gloss_annotation_set_dispose;
  object_class->finalize = gloss_annotation_set_finalize;
  object_class->get_property = gloss_annotation_set_get_property;

  properties[PROP_ARTICLE_FILE] =
    g_param_spec_object ("article-file", NULL, NULL, G_TYPE_FILE, ro);
  /* Whether there are changes that are not saved yet. */
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, ro);
  /* Whether the sidecar could not be read, so that saving is refused. */
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossAnnotationSet::changed:
   *
   * Emitted after every change of what is stored (an annotation added, removed or edited).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gloss_annotation_set_init (GlossAnnotationSet *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * gloss_annotation_set_new:
 * @article_file: the article's source file
 * @sha256: the SHA-256 of its article text
 * @length: the length of its article text in code points
 *
 * Creates an empty set; gloss_annotation_set_load() reads the sidecar.
 *
 * Returns: (transfer full): the set
 */
GlossAnnotationSet *
gloss_annotation_set_new (GFile      *article_file,
                          const char *sha256,
                          guint       length)
{
  GlossAnnotationSet *self;

  g_return_val_if_fail (G_IS_FILE (article_file), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  self = g_object_new (GLOSS_TYPE_ANNOTATION_SET, NULL);
  self->article_file = g_object_ref (article_file);
  self->sha256 = g_strdup (sha256);
  self->length = length;

  return self;
}

/**
 * gloss_annotation_set_new_for_article:
 * @article: an article read from a file
 *
 * Returns: (transfer full): an empty set for @article
 */
GlossAnnotationSet *
gloss_annotation_set_new_for_article (GlossArticle *article)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (gloss_article_get_file (article) != NULL, NULL);

  return gloss_annotation_set_new (gloss_article_get_file (article),
                                   gloss_article_get_sha256 (article),
                                   gloss_article_get_length (article));
}

GFile *
gloss_annotation_set_get_article_file (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  return self->article_file;
}

const char *
gloss_annotation_set_get_sha256 (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  return self->sha256;
}

guint
gloss_annotation_set_get_length (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), 0);

  return self->length;
}

/**
 * gloss_annotation_set_set_fingerprint:
 *
 * Records that the annotations now refer to another article text (after the article was
 * read again and the annotations anchored to it).
 */
void
gloss_annotation_set_set_fingerprint (GlossAnnotationSet *self,
                                      const char         *sha256,
                                      guint               length)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (self));
  g_return_if_fail (sha256 != NULL);

  if (g_str_equal (sha256, self->sha256) && length == self->length)
    return;

  g_free (self->sha256);
  self->sha256 = g_strdup (sha256);
  self->length = length;
  changed (self);
}

/**
 * gloss_annotation_set_get_stored_sha256:
 *
 * Returns: (nullable): the SHA-256 of the article text the loaded sidecar refers to, to
 *   tell whether the annotations need anchoring; %NULL when no sidecar was read
 */
const char *
gloss_annotation_set_get_stored_sha256 (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  return self->stored_sha256;
}

guint
gloss_annotation_set_get_stored_length (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), 0);

  return self->stored_length;
}

/**
 * gloss_annotation_set_add:
 * @annotation: an annotation of this set's article text
 *
 * Adds @annotation where its position sorts. Adding back a removed annotation (undo)
 * forgets its deletion.
 *
 * Returns: %FALSE when the set has an annotation with the same id already
 */
gboolean
gloss_annotation_set_add (GlossAnnotationSet *self,
                          GlossAnnotation    *annotation)
{
  const char *id;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);
  g_return_val_if_fail (gloss_annotation_get_end (annotation) <= self->length, FALSE);

  id = gloss_annotation_get_id (annotation);
  if (g_hash_table_contains (self->by_id, id))
    return FALSE;

  g_hash_table_remove (self->deleted, id);
  insert_annotation (self, annotation);

  return TRUE;
}

/**
 * gloss_annotation_set_update:
 *
 * Puts @annotation where its position sorts now. Edits through the annotation's setters
 * do this by themselves; this is for callers that want to be explicit.
 */
void
gloss_annotation_set_update (GlossAnnotationSet *self,
                             GlossAnnotation    *annotation)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));
  g_return_if_fail (g_hash_table_lookup (self->by_id,
                                         gloss_annotation_get_id (annotation)) == annotation);

  reposition (self, annotation);
  changed (self);
}

/**
 * gloss_annotation_set_remove:
 *
 * Removes @annotation, and remembers its deletion (see the sidecar's "deleted" list).
 *
 * Returns: whether @annotation was in the set
 */
gboolean
gloss_annotation_set_remove (GlossAnnotationSet *self,
                             GlossAnnotation    *annotation)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);

  if (g_hash_table_lookup (self->by_id, gloss_annotation_get_id (annotation)) != annotation)
    return FALSE;

  now = gloss_annotation_now ();
  remove_annotation (self, annotation, now);

  return TRUE;
}

/**
 * gloss_annotation_set_lookup:
 *
 * Returns: (transfer none) (nullable): the annotation with @id
 */
GlossAnnotation *
gloss_annotation_set_lookup (GlossAnnotationSet *self,
                             const char         *id)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

/**
 * gloss_annotation_set_get_deletion_time:
 *
 * Returns: (nullable): when the annotation with @id was deleted, if it was
 */
const char *
gloss_annotation_set_get_deletion_time (GlossAnnotationSet *self,
                                        const char         *id)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->deleted, id);
}

gboolean
gloss_annotation_set_get_dirty (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);

  return self->dirty;
}

gboolean
gloss_annotation_set_get_read_only (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);

  return self->read_only;
}

/**
 * gloss_annotation_set_get_load_error:
 *
 * Returns: (nullable): why the sidecar could not be read, when the set is read-only
 */
const GError *
gloss_annotation_set_get_load_error (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  return self->load_error;
}

/**
 * gloss_annotation_set_get_sidecar_file:
 * @is_fallback: (out) (optional): whether it is in the fallback location, not next to the
 *   article (see gloss_sidecar_get_fallback()), so that the user can be told
 *
 * Returns: (transfer full): where the sidecar is, or would be written
 */
GFile *
gloss_annotation_set_get_sidecar_file (GlossAnnotationSet *self,
                                       gboolean           *is_fallback)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  if (self->sidecar != NULL)
    {
      if (is_fallback != NULL)
        *is_fallback = self->is_fallback;
      return g_object_ref (self->sidecar);
    }

  return gloss_sidecar_locate (self->article_file, is_fallback);
}

static void
fail_load (GlossAnnotationSet  *self,
           GError              *local_error,
           GError             **error)
{
  g_clear_error (&self->load_error);
  self->load_error = g_error_copy (local_error);
  self->read_only = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  g_propagate_error (error, local_error);
}

static void
prune_tombstones (GlossAnnotationSet *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) limit = g_date_time_add_days (now, -GLOSS_SIDECAR_TOMBSTONE_DAYS);
  g_autofree char *cutoff = g_date_time_format (limit, "%Y-%m-%dT%H:%M:%SZ");
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->deleted);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (strcmp (value, cutoff) < 0)
      g_hash_table_iter_remove (&iter);
}

/* Merges what another writer saved: per annotation, the later `modified` wins; a deletion
 * on either side wins unless the other side edited the annotation after it.
 *
 * Returns: whether we have something that @theirs lacks (an annotation, a later edit, a
 *   deletion), so that the file must be written again even if nothing changed here: else
 *   a writer that replaced the file with an older copy would make us lose what we had. */
static gboolean
merge (GlossAnnotationSet   *self,
       GlossSidecarContents *theirs)
{
  g_autoptr(GHashTable) their_ids = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  gboolean ours_ahead = FALSE;

  prune_tombstones (self);

  for (guint i = 0; i < theirs->annotations->len; i++)
    {
      GlossAnnotation *their = g_ptr_array_index (theirs->annotations, i);
      const char *id = gloss_annotation_get_id (their);
      const char *modified = gloss_annotation_get_modified (their);
      GlossAnnotation *ours = g_hash_table_lookup (self->by_id, id);
      const char *deleted;
      int order;

      g_hash_table_add (their_ids, (gpointer) id);
      if (ours != NULL)
        {
          order = strcmp (modified, gloss_annotation_get_modified (ours));
          if (order > 0)
            gloss_annotation_update_from (ours, their);
          else if (order < 0)
            ours_ahead = TRUE;
          continue;
        }

      deleted = g_hash_table_lookup (self->deleted, id);
      if (deleted != NULL && strcmp (modified, deleted) <= 0)
        {
          ours_ahead = TRUE;
          continue;
        }

      g_hash_table_remove (self->deleted, id);
      insert_annotation (self, their);
    }

  g_hash_table_iter_init (&iter, theirs->deleted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GlossAnnotation *ours = g_hash_table_lookup (self->by_id, key);
      const char *deleted = g_hash_table_lookup (self->deleted, key);

      if (ours != NULL)
        {
          if (strcmp (gloss_annotation_get_modified (ours), value) <= 0)
            remove_annotation (self, ours, value);
          else
            ours_ahead = TRUE;
        }
      else if (deleted == NULL || strcmp (deleted, value) < 0)
        {
          g_hash_table_insert (self->deleted, g_strdup (key), g_strdup (value));
          changed (self);
        }
      else if (strcmp (deleted, value) > 0)
        ours_ahead = TRUE;
    }

  /* what we have that they do not have at all */
  for (guint i = 0; i < self->items->len && !ours_ahead; i++)
    if (!g_hash_table_contains (their_ids,
                                gloss_annotation_get_id (g_ptr_array_index (self->items, i))))
      ours_ahead = TRUE;
  g_hash_table_iter_init (&iter, self->deleted);
  while (!ours_ahead && g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (theirs->deleted, key))
      ours_ahead = TRUE;

  return ours_ahead;
}

/* Takes in a sidecar another writer saved. Returns: whether it could be read */
static gboolean
take_in (GlossAnnotationSet  *self,
         GBytes              *bytes,
         gboolean            *ours_ahead,
         GError             **error)
{
  g_autoptr(GlossSidecarContents) theirs = NULL;
  gboolean ahead;

  theirs = gloss_sidecar_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
  if (theirs == NULL)
    return FALSE;

  ahead = merge (self, theirs);
  if (ours_ahead != NULL)
    *ours_ahead = ahead;
  self->merges++;
  g_free (self->stored_sha256);
  self->stored_sha256 = g_strdup (theirs->sha256);
  self->stored_length = theirs->length;

  return TRUE;
}

/* A sidecar in the fallback location next to one by the article: an earlier save could not
 * write by the article (a read-only folder, say) and kept them there. Both are taken in;
 * the next save writes them by the article and removes the fallback copy. */
static void
merge_fallback (GlossAnnotationSet *self,
                GCancellable       *cancellable)
{
  g_autoptr(GFile) fallback = gloss_sidecar_get_fallback (self->article_file);
  g_autoptr(GBytes) bytes = gloss_sidecar_read (fallback, cancellable, NULL);
  g_autoptr(GlossSidecarContents) theirs = NULL;

  if (bytes == NULL)
    return;
  theirs = gloss_sidecar_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL);
  if (theirs == NULL)
    return;

  merge (self, theirs);
  self->merged_fallback = TRUE;
  set_dirty (self, TRUE);
}

static gboolean
is_regular_file (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL)
         == G_FILE_TYPE_REGULAR;
}

/**
 * gloss_annotation_set_load:
 *
 * Reads the article's sidecar (next to the article, else in the fallback location) into the
 * set, replacing what it had. No sidecar is no annotation, not an error. A sidecar that
 * cannot be read makes the set read-only: gloss_annotation_set_save() then refuses to
 * overwrite it. When there is a sidecar in the fallback location too (an earlier save could
 * not write next to the article), its annotations are merged in; so they are when the
 * place next to the article is taken by a symbolic link or a folder.
 *
 * Returns: whether the sidecar was read, else %FALSE with a %GLOSS_SIDECAR_ERROR or
 *   %G_IO_ERROR whose message says what is wrong
 */
gboolean
gloss_annotation_set_load (GlossAnnotationSet  *self,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autoptr(GlossSidecarContents) contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *local_error = NULL;
  guint old_n;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);

  g_clear_object (&self->sidecar);
  g_clear_error (&self->fallback_reason);
  self->merged_fallback = FALSE;
  self->sidecar = gloss_sidecar_locate (self->article_file, &self->is_fallback);

  bytes = gloss_sidecar_read (self->sidecar, cancellable, &local_error);
  if (bytes == NULL && !self->is_fallback && gloss_sidecar_is_place_taken (local_error))
    {
      g_autoptr(GFile) fallback = gloss_sidecar_get_fallback (self->article_file);

      /* a link or a folder took the sidecar's place, and an earlier save went elsewhere */
      if (is_regular_file (fallback))
        {
          self->fallback_reason = g_steal_pointer (&local_error);
          g_set_object (&self->sidecar, fallback);
          self->is_fallback = TRUE;
          bytes = gloss_sidecar_read (self->sidecar, cancellable, &local_error);
        }
    }
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          return TRUE;
        }
      fail_load (self, local_error, error);
      return FALSE;
    }

  contents = gloss_sidecar_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  &local_error);
  if (contents != NULL && g_str_equal (contents->sha256, self->sha256)
      && contents->length != self->length)
    {
      g_set_error (&local_error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_CORRUPT,
                   "\"article.length\" is %u, but the article text is %u characters long",
                   contents->length, self->length);
      g_clear_pointer (&contents, gloss_sidecar_contents_free);
    }
  if (contents == NULL)
    {
      fail_load (self, local_error, error);
      return FALSE;
    }

  old_n = self->items->len;
  clear_items (self);
  for (guint i = 0; i < contents->annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (contents->annotations, i);

      g_ptr_array_add (self->items, g_object_ref (annotation));
      g_hash_table_insert (self->by_id, (gpointer) gloss_annotation_get_id (annotation),
                           annotation);
      g_signal_connect_swapped (annotation, "notify", G_CALLBACK (on_annotation_notify), self);
    }
  g_ptr_array_sort (self->items, compare_annotations);

  g_hash_table_unref (self->deleted);
  self->deleted = g_hash_table_ref (contents->deleted);
  g_free (self->stored_sha256);
  self->stored_sha256 = g_strdup (contents->sha256);
  self->stored_length = contents->length;
  g_clear_pointer (&self->disk, g_bytes_unref);
  self->disk = g_steal_pointer (&bytes);

  if (old_n > 0 || self->items->len > 0)
    items_changed (self, 0, old_n, self->items->len);
  set_dirty (self, FALSE);

  if (!self->is_fallback)
    merge_fallback (self, cancellable);

  return TRUE;
}

/**
 * gloss_annotation_set_get_fallback_reason:
 *
 * Returns: (nullable): why the sidecar is kept in the fallback location instead of next to
 *   the article, when that is because writing (or reading) there failed; %NULL when it is
 *   next to the article, or the folder could not be written from the start
 */
const GError *
gloss_annotation_set_get_fallback_reason (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), NULL);

  return self->fallback_reason;
}

/**
 * gloss_annotation_set_move_to_fallback:
 * @reason: why the sidecar cannot stay where it is, for the user
 *
 * Makes the next save write the sidecar in the fallback location (merging what is there),
 * for when the place next to the article cannot be used: a symbolic link or a folder took
 * it, which Gloss never writes through. Does nothing when it is there already.
 */
void
gloss_annotation_set_move_to_fallback (GlossAnnotationSet *self,
                                       const GError       *reason)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (self));
  g_return_if_fail (reason != NULL);

  if (self->is_fallback && self->sidecar != NULL)
    return;

  g_clear_object (&self->sidecar);
  self->sidecar = gloss_sidecar_get_fallback (self->article_file);
  self->is_fallback = TRUE;
  self->merged_fallback = FALSE;
  g_clear_error (&self->fallback_reason);
  self->fallback_reason = g_error_copy (reason);
  /* all of it goes there, whatever is on disk */
  set_dirty (self, TRUE);
}

/**
 * gloss_annotation_set_get_merge_count:
 *
 * Returns: how many times gloss_annotation_set_save() took in what another writer saved;
 *   the annotations that came in are anchored where that writer had them
 */
guint
gloss_annotation_set_get_merge_count (GlossAnnotationSet *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), 0);

  return self->merges;
}

/**
 * gloss_annotation_set_anchor_to_text:
 * @text: the article text as it is now
 * @text_bytes: its length in bytes, or -1
 *
 * Finds every annotation in @text (see GlossAnchorer) and records where, with
 * gloss_annotation_set_anchor(). Stored targets do not change. All at once, because long
 * quotes anchor first and tell how far the short ones probably moved.
 */
void
gloss_annotation_set_anchor_to_text (GlossAnnotationSet *self,
                                     const char         *text,
                                     gssize              text_bytes)
{
  g_autoptr(GlossAnchorer) anchorer = NULL;
  g_autofree GlossAnchorTarget *targets = NULL;
  g_autofree GlossAnchorResult *results = NULL;
  guint n;

  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (self));
  g_return_if_fail (text != NULL);

  n = self->items->len;
  if (n == 0)
    return;

  anchorer = gloss_anchorer_new (text, text_bytes);
  targets = g_new0 (GlossAnchorTarget, n);
  results = g_new0 (GlossAnchorResult, n);
  for (guint i = 0; i < n; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->items, i);

      targets[i] = (GlossAnchorTarget) {
        gloss_annotation_get_exact (annotation),
        gloss_annotation_get_prefix (annotation),
        gloss_annotation_get_suffix (annotation),
        gloss_annotation_get_start (annotation),
        gloss_annotation_get_end (annotation),
      };
    }
  gloss_anchorer_resolve_all (anchorer, targets, n, results);

  /* The anchor states of GlossAnchorMatch and GlossAnchorState are in the same order. */
  G_STATIC_ASSERT ((int) GLOSS_ANCHOR_MATCH_ORPHANED == (int) GLOSS_ANCHOR_STATE_ORPHANED);
  for (guint i = 0; i < n; i++)
    gloss_annotation_set_anchor (g_ptr_array_index (self->items, i),
                                 (GlossAnchorState) results[i].match,
                                 results[i].start, results[i].end);
}

static char *
serialize (GlossAnnotationSet *self,
           gsize              *len)
{
  g_autoptr(GlossSidecarContents) contents = gloss_sidecar_contents_new ();
  g_autofree char *basename = g_file_get_basename (self->article_file);

  /* File names need not be UTF-8; the sidecar must be. */
  contents->file = g_utf8_make_valid (basename, -1);
  contents->sha256 = g_strdup (self->sha256);
  contents->length = self->length;
  contents->text_model = GLOSS_TEXT_MODEL_VERSION;
  for (guint i = 0; i < self->items->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->items, i);

      /* An annotation that could not be anchored after the article changed keeps the
       * offsets of the old text, which may reach beyond the new one: the file records the
       * new text's length, so such offsets are brought within it. They are only a hint for
       * anchoring; the quote and its context are what find the passage. */
      if (gloss_annotation_get_end (annotation) > self->length)
        {
          GlossAnnotation *clamped = gloss_annotation_copy (annotation);

          gloss_annotation_set_target (clamped,
                                       MIN (gloss_annotation_get_start (annotation), self->length),
                                       self->length, gloss_annotation_get_exact (annotation),
                                       gloss_annotation_get_prefix (annotation),
                                       gloss_annotation_get_suffix (annotation));
          g_ptr_array_add (contents->annotations, clamped);
        }
      else
        g_ptr_array_add (contents->annotations, g_object_ref (annotation));
    }
  g_hash_table_unref (contents->deleted);
  contents->deleted = g_hash_table_ref (self->deleted);

  return gloss_sidecar_serialize (contents, len);
}

/* Another program wrote something Gloss cannot read while Gloss saved: it was replaced,
 * so it is kept beside, never thrown away. */
static void
keep_unreadable (GlossAnnotationSet *self,
                 GBytes             *bytes)
{
  g_autofree char *path = g_file_get_path (self->sidecar);
  g_autofree char *aside = g_strconcat (path, ".unreadable", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (aside, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            &error))
    g_message ("Could not keep %s: %s", aside, error->message);
  else
    g_message ("Another program wrote %s while Gloss saved it; what it wrote is kept in %s",
               path, aside);
}

/* Another writer may change the file between our read and our write again and again;
 * after this many rounds, what came in is saved the next time. */
#define MAX_SAVE_ROUNDS 16

/* Reads what is on disk now, merges it, and writes, with the folder locked. */
static gboolean
save_here (GlossAnnotationSet  *self,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr(GlossSidecarLock) lock = NULL;

  if (self->is_fallback)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->sidecar);
      g_autofree char *parent_path = g_file_get_path (parent);

      if (parent_path != NULL)
        g_mkdir_with_parents (parent_path, 0700);
    }

  lock = gloss_sidecar_lock (self->sidecar, error);
  if (lock == NULL)
    return FALSE;

  for (guint round = 0; ; round++)
    {
      g_autoptr(GBytes) on_disk = NULL;
      g_autoptr(GBytes) displaced = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *data = NULL;
      gboolean need_write = self->dirty, ours_ahead = FALSE, disk_changed;
      gsize len = 0;

      on_disk = gloss_sidecar_read (self->sidecar, cancellable, &local_error);
      if (on_disk == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      disk_changed = !(on_disk == NULL ? self->disk == NULL
                       : self->disk != NULL && g_bytes_equal (on_disk, self->disk));
      if (!need_write && !disk_changed)
        return TRUE;

      if (disk_changed && on_disk != NULL)
        {
          if (!take_in (self, on_disk, &ours_ahead, error))
            {
              g_prefix_error (error, "the annotation file was changed elsewhere and cannot be "
                              "read, so it is not overwritten: ");
              return FALSE;
            }
          need_write = need_write || ours_ahead;
        }

      g_clear_pointer (&self->disk, g_bytes_unref);
      self->disk = on_disk != NULL ? g_bytes_ref (on_disk) : NULL;

      /* Only someone else changed the file: we have their version now, and nothing to add. */
      if (!need_write)
        {
          set_dirty (self, FALSE);
          return TRUE;
        }

      prune_tombstones (self);
      if (on_disk == NULL && self->items->len == 0 && g_hash_table_size (self->deleted) == 0)
        {
          set_dirty (self, FALSE);
          return TRUE;
        }

      data = serialize (self, &len);
      if (on_disk == NULL
          || g_bytes_get_size (on_disk) != len
          || memcmp (g_bytes_get_data (on_disk, NULL), data, len) != 0)
        {
          if (!gloss_sidecar_replace (self->sidecar, data, len, on_disk, &displaced,
                                      cancellable, error))
            return FALSE;
        }

      g_clear_pointer (&self->disk, g_bytes_unref);
      self->disk = g_bytes_new_take (g_steal_pointer (&data), len);
      g_free (self->stored_sha256);
      self->stored_sha256 = g_strdup (self->sha256);
      self->stored_length = self->length;

      if (displaced == NULL)
        {
          set_dirty (self, FALSE);
          return TRUE;
        }

      /* Another program wrote between our read and our write (one that does not take the
       * lock): what it wrote came back from the swap; take it in and write again. */
      if (!take_in (self, displaced, NULL, NULL))
        {
          keep_unreadable (self, displaced);
          set_dirty (self, FALSE);
          return TRUE;
        }
      set_dirty (self, TRUE);
      if (round + 1 >= MAX_SAVE_ROUNDS)
        return TRUE;
    }
}

/* The article's folder cannot take the sidecar: it is read-only, not ours, or gone. */
static gboolean
is_folder_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/**
 * gloss_annotation_set_save:
 *
 * Writes the sidecar if something changed: first merges what another writer saved since
 * it was read, then writes atomically, with the folder locked against other Gloss
 * processes. Refuses when the set is read-only, when the sidecar is a symbolic link or not
 * a regular file, or when the file on disk was changed into something unreadable. When
 * the article's folder cannot be written (read-only, permission denied, gone), writes in
 * the fallback location instead (see gloss_annotation_set_get_fallback_reason()). Writes
 * nothing when nothing changed, and creates no file for a set that never had an
 * annotation. On failure, the file on disk is as it was and the set keeps every change.
 *
 * Returns: whether the set is saved
 */
gboolean
gloss_annotation_set_save (GlossAnnotationSet  *self,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) fallback_error = NULL;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (self), FALSE);

  if (self->read_only)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_READ_ONLY,
                   "the annotation file could not be read (%s), so it is not overwritten",
                   self->load_error != NULL ? self->load_error->message : "unknown error");
      return FALSE;
    }

  if (self->sidecar == NULL)
    self->sidecar = gloss_sidecar_locate (self->article_file, &self->is_fallback);

  if (save_here (self, cancellable, &local_error))
    {
      /* what was kept in the fallback location is next to the article now */
      if (self->merged_fallback && !self->is_fallback)
        {
          g_autoptr(GFile) fallback = gloss_sidecar_get_fallback (self->article_file);

          g_file_delete (fallback, NULL, NULL);
          self->merged_fallback = FALSE;
        }
      return TRUE;
    }
  if (self->is_fallback || !is_folder_error (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  gloss_annotation_set_move_to_fallback (self, local_error);
  if (!save_here (self, cancellable, &fallback_error))
    {
      g_autofree char *there = g_file_get_parse_name (self->sidecar);

      g_set_error (error, fallback_error->domain, fallback_error->code,
                   "%s, and not in %s either: %s", local_error->message, there,
                   fallback_error->message);
      return FALSE;
    }

  return TRUE;
}
