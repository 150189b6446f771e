#!/usr/bin/env python3
"""Independent oracle for the analysis tests: computes, with networkx and brute
force (one search per failure), what `netdrill twin analyze --json` must print
for a GraphML file. Used to write the expected values in analysis-test.cc.

    python3 tests/tools/graphml_oracle.py tests/data/Vinaren.graphml
"""
import itertools
import json
import sys

import networkx as nx


def pairs(g):
    return sum(len(c) * (len(c) - 1) // 2 for c in nx.connected_components(g))


def main(path):
    g = nx.read_graphml(path, force_multigraph=True)
    g = nx.MultiGraph(g)
    loops = list(nx.selfloop_edges(g, keys=True))
    g.remove_edges_from(loops)
    base = pairs(g)
    link_lost = []
    bridges = []
    for u, v, k in list(g.edges(keys=True)):
        g.remove_edge(u, v, k)
        lost = base - pairs(g)
        g.add_edge(u, v, key=k)
        link_lost.append(lost)
        if lost > 0:
            bridges.append(sorted([u, v]))
    node_lost = []
    for n in list(g.nodes):
        h = g.copy()
        comp = len(nx.node_connected_component(g, n))
        h.remove_node(n)
        node_lost.append(base - (comp - 1) - pairs(h))
    simple = nx.Graph(g)
    out = {
        "nodes": g.number_of_nodes(),
        "links": g.number_of_edges(),
        "self_loops": len(loops),
        "components": nx.number_connected_components(g),
        "largest_component": max(len(c) for c in nx.connected_components(g)),
        "bridges": sorted(bridges),
        "articulation_points": sorted(nx.articulation_points(simple)),
        "n1_link_max_pairs_lost": max(link_lost, default=0),
        "n1_link_total_pairs_lost": sum(link_lost),
        "n1_node_max_pairs_lost": max(node_lost, default=0),
        "n1_node_total_pairs_lost": sum(node_lost),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
