"""The actor network as a networkx graph, written as GraphML or GEXF (Gephi, Cytoscape, igraph).

Nodes are canonical entities (id, with name, kind, country and event count as attributes);
edges carry the counts and intensities of :class:`newsgraph.query.NetworkEdge`. Missing values
are left out rather than written as empty strings, because both formats type their attributes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx  # type: ignore[import-untyped]  # networkx ships no type hints; stubs are not pinned

from newsgraph.errors import ConfigError
from newsgraph.query.rows import Network

__all__ = ["GRAPH_FORMATS", "graph_format", "network_graph", "write_graph"]

GRAPH_FORMATS = ("graphml", "gexf")


def network_graph(network: Network) -> Any:
    """A ``networkx.DiGraph`` of the network (its ``graph`` attributes hold the date window)."""
    graph = nx.DiGraph(since=network.since or "", until=network.until or "")
    for node in network.nodes:
        attributes = {
            "label": node.name,
            "name": node.name,
            "kind": node.kind,
            "country": node.country,
            "events": node.events,
        }
        graph.add_node(node.id, **{k: v for k, v in attributes.items() if v is not None})
    for edge in network.edges:
        graph.add_edge(
            edge.source,
            edge.target,
            weight=edge.events,
            events=edge.events,
            cooperation=edge.cooperation,
            conflict=edge.conflict,
            intensity_sum=edge.intensity_sum,
            intensity_mean=edge.intensity_mean,
        )
    return graph


def graph_format(path: str, given: str | None) -> str:
    """The format to write: ``given``, else from the file extension (.graphml, .gexf)."""
    chosen = given or Path(path).suffix.lstrip(".").lower()
    if chosen not in GRAPH_FORMATS:
        raise ConfigError(f"cannot tell the graph format of {path!r}; name it .graphml or .gexf, or pass --format")
    return chosen


def write_graph(network: Network, path: str | Path, fmt: str) -> None:
    """Write the network to ``path`` as ``fmt`` (``graphml`` or ``gexf``)."""
    graph = network_graph(network)
    if fmt == "graphml":
        nx.write_graphml(graph, str(path))
    elif fmt == "gexf":
        nx.write_gexf(graph, str(path))
    else:
        raise ConfigError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
