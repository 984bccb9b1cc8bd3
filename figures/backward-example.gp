# The 2-2-1 network of section 3.6 with the values of its forward pass
# above each node and its error signals below, from the build's run.
# Data: backward --network, three blocks: lines (x0 y0 x1 y1 bias),
# nodes (x y constant) and labels (x y text).
sx = 4.2; sy = 2.0
unset border
unset tics
unset key
set margins 0, 0, 0, 0
set size ratio -1
set xrange [sx*0.72:sx*3.45]
set yrange [-1.25*sy:1.55*sy]
set style arrow 1 nohead lw 1.2 lc rgb '#9a9a9a'
set style arrow 2 nohead lw 1.5 lc rgb '#b03a2e' dt 2
f = data.'/backward-example.dat'
plot f index 0 using ($1*sx):($2*sy):(($3-$1)*sx):(($4-$2)*sy):($5 == 1 ? 2 : 1) \
         with vectors arrowstyle variable, \
     f index 1 using ($1*sx):($2*sy):($3 == 1 ? 5 : 7) with points pt variable \
         ps 3 lc rgb 'white', \
     f index 1 using ($1*sx):($2*sy):($3 == 1 ? 4 : 6) with points pt variable \
         ps 3 lw 2 lc rgb '#2f4f6f', \
     f index 1 using ($1*sx):($2*sy):($3 == 1 ? '$1$' : '') with labels, \
     f index 2 using ($1*sx):($2*sy):3 with labels
