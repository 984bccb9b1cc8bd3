# A small network in the book's notation.  Data: layout --diagram, three
# blocks: lines (x0 y0 x1 y1 bias), nodes (x y label constant) and the
# names of two lines (x y label offset, in node spacings).
# Layers are drawn sx apart and nodes sy apart.
sx = 3.2; sy = 1.25
unset border
unset tics
unset key
set margins 0, 0, 0, 0
set size ratio -1
set xrange [sx*0.6:sx*3.4]
set yrange [-2.8*sy:2.6*sy]
set style arrow 1 nohead lw 1.2 lc rgb '#9a9a9a'
set style arrow 2 nohead lw 1.5 lc rgb '#b03a2e' dt 2
f = data.'/network.dat'
plot f index 0 using ($1*sx):($2*sy):(($3-$1)*sx):(($4-$2)*sy):($5 == 1 ? 2 : 1) \
         with vectors arrowstyle variable, \
     f index 1 using ($1*sx):($2*sy):($4 == 1 ? 5 : 7) with points pt variable \
         ps 4.3 lc rgb 'white', \
     f index 1 using ($1*sx):($2*sy):($4 == 1 ? 4 : 6) with points pt variable \
         ps 4.3 lw 2 lc rgb '#2f4f6f', \
     f index 1 using ($1*sx):($2*sy):3 with labels, \
     f index 2 using ($1*sx):(($2 + $4)*sy):3 with labels
