/* Transmit stamps to probes: see txstamp.h. */
#include "config.h"

#include "analysis/txstamp.h"

#include <stdlib.h>

enum { EMPTY = 0, WAITING, STAMPED };

int mb_txmap_init(struct mb_txmap *m, size_t slots)
{
	uint64_t n = 16;

	while (n < slots)
		n <<= 1;
	*m = (struct mb_txmap){ .mode = MB_TXKEY_EXPLICIT };
	m->ring = calloc(n, sizeof(*m->ring));
	if (!m->ring)
		return -1;
	m->mask = n - 1;
	return 0;
}

void mb_txmap_free(struct mb_txmap *m)
{
	free(m->ring);
	m->ring = NULL;
}

void mb_txmap_use_counter(struct mb_txmap *m, uint32_t first_key)
{
	m->mode = MB_TXKEY_COUNTER;
	m->next_counter = first_key;
	/* Keys given so far mean nothing under the counter. */
	for (uint64_t i = 0; i <= m->mask; i++)
		m->ring[i].state = EMPTY;
}

uint32_t mb_txmap_key(const struct mb_txmap *m, uint64_t seq)
{
	return m->mode == MB_TXKEY_EXPLICIT ? (uint32_t)seq : m->next_counter;
}

void mb_txmap_sent(struct mb_txmap *m, uint64_t seq, uint32_t key)
{
	struct mb_txmap_entry *e = &m->ring[key & m->mask];

	/* An entry still waiting is overwritten: its stamp never came and
	 * its probe is long gone (the map holds more than the outstanding). */
	*e = (struct mb_txmap_entry){ .seq = seq, .key = key, .state = WAITING };
	if (m->mode == MB_TXKEY_COUNTER)
		m->next_counter = key + 1;
}

enum mb_txmatch mb_txmap_match(struct mb_txmap *m, uint32_t key, uint64_t *seq)
{
	struct mb_txmap_entry *e = &m->ring[key & m->mask];

	if (e->state == EMPTY || e->key != key)
		return MB_TXMATCH_UNKNOWN;
	if (e->state == STAMPED)
		return MB_TXMATCH_DUPLICATE;
	e->state = STAMPED;
	*seq = e->seq;
	return MB_TXMATCH_OK;
}

void mb_txstamp_keep_order(int64_t prev_ns, int64_t *sent_ns, int64_t *recv_ns)
{
	if (*sent_ns < prev_ns)
		*sent_ns = prev_ns;
	if (*recv_ns >= 0 && *recv_ns < *sent_ns)
		*recv_ns = *sent_ns;
}

bool mb_txstamp_plausible(int64_t user_ns, int64_t kernel_ns, int64_t tolerance_ns,
			  int64_t max_ns)
{
	return kernel_ns >= user_ns - tolerance_ns && kernel_ns - user_ns <= max_ns;
}
