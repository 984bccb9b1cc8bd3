# The confusion matrix of the test set: for each true class (row) the
# share of its images predicted as each class (column).  Data: fashion
# --pictures; lines true, predicted, share.
set size ratio -1
set xrange [-0.5:9.5]
set yrange [9.5:-0.5]
set xtics ('T-shirt/top' 0, 'trouser' 1, 'pullover' 2, 'dress' 3, 'coat' 4, \
           'sandal' 5, 'shirt' 6, 'sneaker' 7, 'bag' 8, 'ankle boot' 9) \
          rotate by 45 right scale 0
set ytics ('T-shirt/top' 0, 'trouser' 1, 'pullover' 2, 'dress' 3, 'coat' 4, \
           'sandal' 5, 'shirt' 6, 'sneaker' 7, 'bag' 8, 'ankle boot' 9) scale 0
set xlabel 'predicted class'
set ylabel 'true class'
set palette defined (0 'white', 0.05 '#dbe6f3', 1 '#1f4e8c')
set logscale cb
set cbrange [0.001:1]
set format cb '$10^{%L}$'
unset key
plot data.'/fashion-confusion.dat' using 2:1:($3 > 0.001 ? $3 : 0.001) with image
