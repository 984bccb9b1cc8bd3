# A small network in the book's notation.  Data: layout --diagram, two
# blocks: lines (x0 y0 x1 y1 bias) and nodes (x y label constant).
unset border
unset tics
unset key
set size ratio -1
set xrange [0.6:3.4]
set yrange [-2.6:2.6]
set style arrow 1 nohead lw 1.5 lc rgb '#8a8a8a'
set style arrow 2 nohead lw 1.5 lc rgb '#b03a2e' dt 2
plot data.'/network.dat' index 0 using 1:2:($3-$1):($4-$2):($5 == 1 ? 2 : 1) \
         with vectors arrowstyle variable, \
     ''  index 1 using 1:2:($4 == 1 ? 5 : 7) with points pt variable ps 4.2 \
         lc rgb 'white', \
     ''  index 1 using 1:2:($4 == 1 ? 4 : 6) with points pt variable ps 4.2 \
         lw 2 lc rgb '#2f4f6f', \
     ''  index 1 using 1:2:3 with labels
