# The cart-pole with its variables and their signs, to scale (metres).
# Data: cartpole-demo --diagram; blocks: 0 track and marks, 1 cart,
# 2 pole, 3 the vertical through the hinge, 4 the arc of theta, 5 the
# arrows of x, F and g, 6 the arrow of l, 7 hinge and centre of mass,
# 8 labels (x y text).
f = data.'/cartpole-diagram.dat'
unset border
unset tics
unset key
set margins 0, 0, 0, 0
set size ratio -1
set xrange [-2.75:2.75]
set yrange [-0.62:1.42]
set style fill solid 1.0 border lc rgb 'black'
set style arrow 1 head filled size 0.09, 25 lw 2 lc rgb 'black'
set style arrow 2 heads filled size 0.06, 25 lw 1 lc rgb 'black'
set style arrow 3 nohead lw 1.5 lc rgb 'black'
plot f index 0 using 1:2:($3 - $1):($4 - $2) with vectors arrowstyle 3, \
     f index 1 using 1:2:3:4 with boxxyerror lc rgb '#b8b8b8', \
     f index 2 using 1:2:($3 - $1):($4 - $2) with vectors nohead lw 6 \
         lc rgb '#404040', \
     f index 3 using 1:2:($3 - $1):($4 - $2) with vectors nohead lw 1 \
         dt (4, 4) lc rgb 'black', \
     f index 4 using 1:2 with lines lw 1.5 lc rgb 'black', \
     f index 5 using 1:2:($3 - $1):($4 - $2) with vectors arrowstyle 1, \
     f index 6 using 1:2:($3 - $1):($4 - $2) with vectors arrowstyle 2, \
     f index 7 using 1:2 with points pt 7 ps 0.9 lc rgb 'black', \
     f index 8 using 1:2:3 with labels
