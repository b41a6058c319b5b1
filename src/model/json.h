/* JSON of model objects, shared by `manrs-check model` and the reports
 * (not a public interface). */
#ifndef MANRS_MODEL_JSON_H
#define MANRS_MODEL_JSON_H

#include <jansson.h>

#include "manrs/model.h"

json_t *mc_json_direction(const mc_direction_policy *);
json_t *mc_json_maxpfx(const mc_maxpfx *);	/* null when not configured */
/* Policy names a neighbour refers to, each once, in order. */
json_t *mc_json_neighbor_policies(const mc_neighbor *);
const char *mc_remote_as_kind_name(mc_remote_as_kind);
const char *mc_maxpfx_action_name(mc_maxpfx_action);

#endif
