/* gloss-annotation-history.c: undo and redo of annotation edits, across articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A step records, for each annotation it touched, a snapshot before and after the edit
 * (NULL where the annotation did not exist). Undo puts the "before" snapshots back, redo the
 * "after" ones. Snapshots rather than inverse operations, so that one mechanism covers every
 * edit: add, delete, recolour, retag, a tag renamed in a hundred annotations at once.
 *
 * Putting a snapshot back is itself an edit, made now: it gets a new `modified` time, or
 * the merge with the file on disk (which holds the edit being undone) would win over it.
 */

#define G_LOG_DOMAIN "gloss-annotation-history"

#include "config.h"

#include "gloss-annotation-history.h"

/* Beyond this many steps the oldest are forgotten. */
#define MAX_STEPS 500

typedef struct
{
  GlossAnnotationSet *set;
  char               *id;
  GlossAnnotation    *before;  /* nullable: added by the step */
  GlossAnnotation    *after;   /* nullable: removed by the step */
} Change;

typedef struct
{
  char   *label;
  GArray *changes;  /* of Change */
} Step;

struct _GlossAnnotationHistory
{
  GObject    parent_instance;

  GPtrArray *undo;     /* of Step, oldest first */
  GPtrArray *redo;     /* of Step, the next to redo last */
  Step      *current;  /* between begin() and end() */
  guint      depth;    /* nested begin() calls */
};

G_DEFINE_FINAL_TYPE (GlossAnnotationHistory, gloss_annotation_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_clear_object (&change->set);
  g_clear_pointer (&change->id, g_free);
  g_clear_object (&change->before);
  g_clear_object (&change->after);
}

static Step *
step_new (const char *label)
{
  Step *step = g_new0 (Step, 1);

  step->label = g_strdup (label);
  step->changes = g_array_new (FALSE, TRUE, sizeof (Change));
  g_array_set_clear_func (step->changes, change_clear);

  return step;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->label);
  g_array_unref (step->changes);
  g_free (step);
}

static gboolean
step_touches (Step               *step,
              GlossAnnotationSet *set)
{
  for (guint i = 0; i < step->changes->len; i++)
    if (g_array_index (step->changes, Change, i).set == set)
      return TRUE;

  return FALSE;
}

static GlossAnnotation *
snapshot (GlossAnnotationSet *set,
          const char         *id)
{
  GlossAnnotation *annotation = gloss_annotation_set_lookup (set, id);

  return annotation != NULL ? gloss_annotation_copy (annotation) : NULL;
}

/* Whether two snapshots of one annotation are the same: nothing was edited. */
static gboolean
same_state (GlossAnnotation *a,
            GlossAnnotation *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return gloss_annotation_equal (a, b);
}

/* Makes the annotation @id of @set what @state says: absent when NULL. */
static void
apply (GlossAnnotationSet *set,
       const char         *id,
       GlossAnnotation    *state,
       const char         *now)
{
  GlossAnnotation *current = gloss_annotation_set_lookup (set, id);

  if (state == NULL)
    {
      if (current != NULL)
        gloss_annotation_set_remove (set, current);
      return;
    }

  if (current != NULL)
    {
      gloss_annotation_update_from (current, state);
      gloss_annotation_set_modified (current, now);
    }
  else
    {
      g_autoptr(GlossAnnotation) restored = gloss_annotation_copy (state);

      gloss_annotation_set_modified (restored, now);
      gloss_annotation_set_add (set, restored);
    }
}

static void
notify_all (GlossAnnotationHistory *self)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (object, properties[i]);
  g_object_thaw_notify (object);
}

static void
gloss_annotation_history_finalize (GObject *object)
{
  GlossAnnotationHistory *self = GLOSS_ANNOTATION_HISTORY (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->current, step_free);

  G_OBJECT_CLASS (gloss_annotation_history_parent_class)->finalize (object);
}

static void
gloss_annotation_history_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  GlossAnnotationHistory *self = GLOSS_ANNOTATION_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, gloss_annotation_history_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, gloss_annotation_history_get_can_redo (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, gloss_annotation_history_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, gloss_annotation_history_get_redo_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_history_class_init (GlossAnnotationHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = gloss_annotation_history_finalize;
  object_class->get_property = gloss_annotation_history_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_annotation_history_init (GlossAnnotationHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (step_free);
  self->redo = g_ptr_array_new_with_free_func (step_free);
}

GlossAnnotationHistory *
gloss_annotation_history_new (void)
{
  return g_object_new (GLOSS_TYPE_ANNOTATION_HISTORY, NULL);
}

/**
 * gloss_annotation_history_begin:
 * @label: what the step does, for "Undo …" (e.g. "Highlight")
 *
 * Starts a step. Call gloss_annotation_history_track() for every annotation before
 * changing it (or before adding it), then gloss_annotation_history_end(). Steps may nest:
 * the outermost one is what undo takes back.
 */
void
gloss_annotation_history_begin (GlossAnnotationHistory *self,
                                const char             *label)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self));

  if (self->depth++ == 0)
    self->current = step_new (label);
}

/**
 * gloss_annotation_history_track:
 * @set: the set that has (or will have) the annotation
 * @id: the annotation's id
 *
 * Remembers the annotation as it is now, to take the step back to it.
 */
void
gloss_annotation_history_track (GlossAnnotationHistory *self,
                                GlossAnnotationSet     *set,
                                const char             *id)
{
  Change change = { 0 };

  g_return_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION_SET (set));
  g_return_if_fail (id != NULL);
  g_return_if_fail (self->current != NULL);

  for (guint i = 0; i < self->current->changes->len; i++)
    {
      Change *other = &g_array_index (self->current->changes, Change, i);

      if (other->set == set && g_str_equal (other->id, id))
        return;
    }

  change.set = g_object_ref (set);
  change.id = g_strdup (id);
  change.before = snapshot (set, id);
  g_array_append_val (self->current->changes, change);
}

/**
 * gloss_annotation_history_end:
 *
 * Ends the step: it becomes what undo takes back, and the redo list is dropped. A step
 * that changed nothing is forgotten.
 */
void
gloss_annotation_history_end (GlossAnnotationHistory *self)
{
  Step *step;
  gboolean changed = FALSE;

  g_return_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;

  step = g_steal_pointer (&self->current);
  for (guint i = 0; i < step->changes->len; i++)
    {
      Change *change = &g_array_index (step->changes, Change, i);

      change->after = snapshot (change->set, change->id);
      changed |= !same_state (change->before, change->after);
    }

  if (!changed)
    {
      step_free (step);
      return;
    }

  g_ptr_array_add (self->undo, step);
  if (self->undo->len > MAX_STEPS)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  notify_all (self);
}

/**
 * gloss_annotation_history_add:
 *
 * Adds @annotation to @set as one step.
 */
void
gloss_annotation_history_add (GlossAnnotationHistory *self,
                              GlossAnnotationSet     *set,
                              GlossAnnotation        *annotation,
                              const char             *label)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  gloss_annotation_history_begin (self, label);
  gloss_annotation_history_track (self, set, gloss_annotation_get_id (annotation));
  gloss_annotation_set_add (set, annotation);
  gloss_annotation_history_end (self);
}

/**
 * gloss_annotation_history_remove:
 *
 * Removes @annotation from @set as one step.
 */
void
gloss_annotation_history_remove (GlossAnnotationHistory *self,
                                 GlossAnnotationSet     *set,
                                 GlossAnnotation        *annotation,
                                 const char             *label)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  gloss_annotation_history_begin (self, label);
  gloss_annotation_history_track (self, set, gloss_annotation_get_id (annotation));
  gloss_annotation_set_remove (set, annotation);
  gloss_annotation_history_end (self);
}

gboolean
gloss_annotation_history_get_can_undo (GlossAnnotationHistory *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self), FALSE);

  return self->undo->len > 0;
}

gboolean
gloss_annotation_history_get_can_redo (GlossAnnotationHistory *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self), FALSE);

  return self->redo->len > 0;
}

/* Returns: (nullable): the label of the step undo would take back */
const char *
gloss_annotation_history_get_undo_label (GlossAnnotationHistory *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self), NULL);

  if (self->undo->len == 0)
    return NULL;

  return ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->label;
}

/* Returns: (nullable): the label of the step redo would make again */
const char *
gloss_annotation_history_get_redo_label (GlossAnnotationHistory *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self), NULL);

  if (self->redo->len == 0)
    return NULL;

  return ((Step *) g_ptr_array_index (self->redo, self->redo->len - 1))->label;
}

/* Moves the last step of @from to @to, putting back its "before" or "after" states. */
static gboolean
replay (GlossAnnotationHistory *self,
        GPtrArray              *from,
        GPtrArray              *to,
        gboolean                backwards)
{
  g_autofree char *now = NULL;
  Step *step;

  if (from->len == 0 || self->current != NULL)
    return FALSE;

  now = gloss_annotation_now ();
  step = g_ptr_array_steal_index (from, from->len - 1);
  for (guint i = 0; i < step->changes->len; i++)
    {
      guint k = backwards ? step->changes->len - 1 - i : i;
      Change *change = &g_array_index (step->changes, Change, k);

      apply (change->set, change->id, backwards ? change->before : change->after, now);
    }
  g_ptr_array_add (to, step);
  notify_all (self);

  return TRUE;
}

/**
 * gloss_annotation_history_undo:
 *
 * Returns: %FALSE when there was nothing to undo
 */
gboolean
gloss_annotation_history_undo (GlossAnnotationHistory *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self), FALSE);

  return replay (self, self->undo, self->redo, TRUE);
}

/**
 * gloss_annotation_history_redo:
 *
 * Returns: %FALSE when there was nothing to redo
 */
gboolean
gloss_annotation_history_redo (GlossAnnotationHistory *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self), FALSE);

  return replay (self, self->redo, self->undo, FALSE);
}

/**
 * gloss_annotation_history_forget_set:
 *
 * Drops every step that touched @set, whose article was closed: undo never changes an
 * article that is no longer open.
 */
void
gloss_annotation_history_forget_set (GlossAnnotationHistory *self,
                                     GlossAnnotationSet     *set)
{
  GPtrArray *lists[] = { self->undo, self->redo };

  g_return_if_fail (GLOSS_IS_ANNOTATION_HISTORY (self));

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = lists[l]->len; i-- > 0;)
      if (step_touches (g_ptr_array_index (lists[l], i), set))
        g_ptr_array_remove_index (lists[l], i);

  notify_all (self);
}
