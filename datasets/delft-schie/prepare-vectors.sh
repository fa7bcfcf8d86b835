#!/bin/sh
# Cuts the BGT layers of 3dfier's example_data (Delft, RD New) to 4 m inside the AHN3 tiles' extent (the canals to
# 2 m inside, so that they reach the grid's edge and no strip of canal is left as land there) and writes them as
# GeoJSON in EPSG:28992 with the tags rivertwin reads. Usage: sh prepare-vectors.sh <example_data/bgt> <out dir>
set -eu
BGT=$1
OUT=$2
BOX="84813 447417 85068 447637"
WBOX="84811 447415 85070 447639"
O="-f GeoJSON -lco COORDINATE_PRECISION=3 -lco RFC7946=NO -a_srs EPSG:28992 -spat $BOX -clipsrc $BOX -dialect sqlite"
rm -f "$OUT/buildings.geojson" "$OUT/water.geojson" "$OUT/landcover-green.geojson" "$OUT/landcover-paved.geojson"
ogr2ogr $O -sql "select lokaalid as id, 'yes' as building, bronhouder as bgt_source_holder, GEOMETRY
  from buildingpart order by lokaalid" "$OUT/buildings.geojson" "$BGT/bgt_pand.sqlite"
ogr2ogr $O -spat $WBOX -clipsrc $WBOX -sql "select lokaalid as id, 'canal' as water, class as bgt_class, bronhouder as bgt_source_holder, GEOMETRY
  from waterdeel order by lokaalid" "$OUT/water.geojson" "$BGT/bgt_waterdeel.sqlite"
ogr2ogr $O -sql "select lokaalid as id, 'grass' as landuse, class as bgt_class,
  plus_fysiekvoorkomen as bgt_plus_appearance, GEOMETRY
  from plantcover order by lokaalid" "$OUT/landcover-green.geojson" "$BGT/bgt_begroeidterreindeel.sqlite"
ogr2ogr $O -sql "select lokaalid as id, case function when 'voetpad' then 'footway'
  when 'voetpad op trap' then 'footway' when 'parkeervlak' then 'parking'
  when 'voetgangersgebied' then 'pedestrian' else 'carriageway' end as landuse, function as bgt_function, GEOMETRY
  from trafficarea order by lokaalid" "$OUT/landcover-paved.geojson" "$BGT/bgt_wegdeel.sqlite"
