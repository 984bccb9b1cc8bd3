# One node's fan-out: node i of layer k sends l_i to every node r of layer
# k+1 through w_ri (solid arrows); the error signals delta_r come back
# through the same weights (dashed arrows) and are summed into delta_i.
# Data: backward --fanout, four blocks: arrows (x y dx dy style: 1
# forward, 2 back, 3 the lines into node i), nodes (x y), centred labels
# and left-aligned labels (x y text).
unset border
unset tics
unset key
set margins 0, 0, 0, 0
set size ratio -1
set xrange [-1.0:1.6]
set yrange [-1.2:1.2]
set style arrow 1 head filled size 0.06,20 lw 1.8 lc rgb '#2f4f6f'
set style arrow 2 head filled size 0.06,20 lw 1.8 lc rgb '#b03a2e' dt (6, 4)
set style arrow 3 nohead lw 1.2 lc rgb '#9a9a9a'
f = data.'/backward-fanout.dat'
plot f index 0 using 1:2:3:4:5 with vectors arrowstyle variable, \
     f index 1 using 1:2 with points pt 7 ps 2.6 lc rgb 'white', \
     f index 1 using 1:2 with points pt 6 ps 2.6 lw 2 lc rgb '#2f4f6f', \
     f index 2 using 1:2:3 with labels, \
     f index 3 using 1:2:3 with labels left
