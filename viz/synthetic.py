"""A generated network of any size, shaped like the projection, for the benchmark and tests.

Nothing here is data about the region: every actor is called "synthetische actor N" and
cites the source "synthetisch". The region's seven gemeenten are reused as areas so that
filters and clustering by gemeente have something to do.

Examples
--------
>>> G = synthetic_projection(50)
>>> G.number_of_nodes()
50
>>> G.number_of_edges() == synthetic_projection(50).number_of_edges()
True
"""

from __future__ import annotations

import random

import networkx as nx

from zorgnet.graph.analyses.routes import ROUTE_COSTS
from zorgnet.graph.projected import Area
from zorgnet.ontology.namespace import ZN
from zorgnet.ontology.vocabulary import vocabulary

__all__ = ["GEMEENTEN", "synthetic_projection"]

GEMEENTEN = ("blaricum", "eemnes", "gooise-meren", "hilversum", "huizen", "laren", "wijdemeren")
_REGION = "gooi-en-vechtstreek"
_SCALES = ("lokaal", "lokaal", "lokaal", "regionaal", "bovenregionaal")


def synthetic_projection(
    actors: int, *, seed: int = 7, links_per_actor: float = 1.5, local_share: float = 0.9
) -> nx.MultiDiGraph:
    """A frozen projection-like graph with *actors* nodes, the same for the same *seed*.

    Each actor has about *links_per_actor* relations, *local_share* of them to an actor
    in its own gemeente.
    """
    rng = random.Random(seed)
    types = vocabulary().notations(ZN.ActorType)
    domains = vocabulary().notations(ZN.Domain)
    levels = vocabulary().notations(ZN.SupportLevel)
    G = nx.MultiDiGraph()
    by_gemeente: dict[str, list[str]] = {g: [] for g in GEMEENTEN}
    for i in range(actors):
        actor = f"synthetisch-{i:05d}"
        scale = rng.choice(_SCALES)
        area = _REGION if scale != "lokaal" else rng.choice(GEMEENTEN)
        G.add_node(
            actor,
            iri=f"urn:zorgnet:synthetisch:{i}",
            label=f"synthetische actor {i}",
            type=rng.choice(types),
            actor_class="Organisation",
            scale=scale,
            areas=(area,),
            domains=(rng.choice(domains),),
            levels=(rng.choice(levels),),
            access=(),
            offers=(),
            status=None,
            part_of=(),
            as_of=None,
            description="gegenereerd voor de benchmark",
            sources=("synthetisch",),
        )
        for g in GEMEENTEN if area == _REGION else (area,):
            by_gemeente[g].append(actor)
    nodes = list(G.nodes)
    kinds = sorted(ROUTE_COSTS)
    for i in range(round(actors * links_per_actor)):
        source = rng.choice(nodes)
        if rng.random() < local_share:
            area = G.nodes[source]["areas"][0]
            pool = by_gemeente[area if area != _REGION else rng.choice(GEMEENTEN)]
        else:
            pool = nodes
        target = rng.choice(pool)
        if target != source:
            G.add_edge(
                source,
                target,
                key=f"synthetische-relatie-{i}",
                record="relation",
                kind=rng.choice(kinds),
                domains=(),
                levels=(),
                access=(),
                help_kinds=(),
                areas=(),
                status=None,
                sources=("synthetisch",),
            )
    areas = {g: Area(g, g.replace("-", " ").title(), "gemeente", (_REGION,), ()) for g in GEMEENTEN}
    areas[_REGION] = Area(_REGION, "Gooi en Vechtstreek", "regio", (), ())
    G.graph.update(
        areas=areas,
        mandates=(),
        memberships=(),
        arrangements=(),
        alignments=(),
        shortages=(),
        issues=(),
        figures=(),
        records={},
        memo={},
    )
    return nx.freeze(G)
