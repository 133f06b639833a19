/* One packet's headers (analysis/volume.c's parser, which reads what
 * libpcap hands over from a file or the wire): the first input byte picks
 * the link type and the direction rule, the rest is the packet, captured
 * whole or cut short. */
#include "config.h"

#include "tests/fuzz/fuzz.h"

#include <stdlib.h>

#include "analysis/volume.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mb_volume_match m = { .port_lo = 49152, .port_hi = 49261 };
	struct mb_pkt_info info;
	enum mb_linktype link;
	uint64_t wire;

	if (size < 1)
		return 0;
	link = (enum mb_linktype)(data[0] % 4);
	if (data[0] & 4)
		mb_ip_addr_parse(data[0] & 8 ? "fd00::1" : "10.0.0.1", &m.src);
	/* The reported length: the caplen, or longer (a snaplen cut). */
	wire = (size - 1) + (data[0] & 16 ? 1000 : 0);
	mb_volume_parse(&m, link, data + 1, size - 1, wire, &info);
	if (info.wire_bytes != wire || info.payload_bytes > wire)
		abort();
	return 0;
}
